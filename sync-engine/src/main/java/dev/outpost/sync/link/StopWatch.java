package dev.outpost.sync.link;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Watches one transfer for a stop and aborts it when one is requested, so a read blocked on a
 * silent or slow link (which only sees the stop when bytes arrive, or when the stall timeout
 * fires) ends within {@link #POLL} of the request instead. A virtual thread per transfer, polling:
 * the stop is a condition ({@code stopRequested}), not an event, and a sleeping virtual thread
 * costs no platform thread.
 *
 * <p>Why abort from outside rather than read with a short socket timeout and look at the stop
 * between reads: OkHttp treats a socket timeout as a failed exchange (the response cannot be read
 * on after it), so every timeout would cost a new request, and a short timeout would also be
 * mistaken for the stall it is meant to detect. Cancelling the call closes its socket, which fails
 * the blocked read at once, and bytes the read already had are kept by the stream.
 */
public final class StopWatch implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(100);

  private final Thread watcher;
  private volatile boolean done;

  private StopWatch(BooleanSupplier stopRequested, Runnable abort) {
    this.watcher = Thread.ofVirtual().name("stop-watch").start(() -> watch(stopRequested, abort));
  }

  /** Runs {@code abort} once, soon after {@code stopRequested} turns true, unless closed first. */
  public static StopWatch start(BooleanSupplier stopRequested, Runnable abort) {
    return new StopWatch(stopRequested, abort);
  }

  private void watch(BooleanSupplier stopRequested, Runnable abort) {
    try {
      while (!done) {
        if (stopRequested.getAsBoolean()) {
          abort.run();
          return;
        }
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      // closed: the transfer ended on its own
    }
  }

  /** The transfer is over (done or failed): nothing left to abort. */
  @Override
  public void close() {
    done = true;
    watcher.interrupt();
  }
}
