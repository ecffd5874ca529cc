package dev.outpost.sync.link;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The stop of the running pass as an event, for everything that waits on the link: a request
 * waiting for the parent's headers, a body read blocked on a slow or silent link, a retry's
 * backoff. Each registers what ends its wait ({@link #watch}) or waits here ({@link #await}), and
 * all of them end within {@link #POLL} of the stop.
 *
 * <p>Why one watcher polling, per pass: the stop is a condition ({@code stopRequested}: a
 * window's end is a time, shutdown a flag), not an event anyone fires, so something must look at
 * it; one virtual thread per pass does, instead of one per transfer, and turns it into an event.
 *
 * <p>Lives as long as its engine (the HTTP clients are built with it); {@link #arm} binds it to
 * one pass's condition, and closing the returned handle unbinds it, so the next pass starts
 * unstopped. Passes do not overlap. Thread-safe.
 */
public final class StopSignal {
  static final Duration POLL = Duration.ofMillis(100);

  private final Set<Runnable> aborts = new HashSet<>();
  private boolean stopped;
  private Thread watcher;

  /** What a transfer registered to be ended by the stop; close it when the transfer is over. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /** A signal bound to one pass's condition until closed. */
  public interface Armed extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Watches {@code stopRequested} from now until the handle is closed: once it is true, the signal
   * fires (every registered abort runs, every {@link #await} returns).
   */
  public synchronized Armed arm(BooleanSupplier stopRequested) {
    if (watcher != null) {
      throw new IllegalStateException("a stop signal serves one pass at a time");
    }
    stopped = false;
    Thread thread = Thread.ofVirtual().name("stop-signal").start(() -> watch(stopRequested));
    watcher = thread;
    return () -> disarm(thread);
  }

  private void watch(BooleanSupplier stopRequested) {
    try {
      while (!stopRequested.getAsBoolean()) {
        Thread.sleep(POLL);
      }
      fire();
    } catch (InterruptedException e) {
      // disarmed: the pass ended on its own
    }
  }

  private void fire() {
    Set<Runnable> toAbort;
    synchronized (this) {
      if (Thread.currentThread() != watcher) {
        return; // disarmed meanwhile
      }
      stopped = true;
      toAbort = Set.copyOf(aborts);
      aborts.clear();
      notifyAll();
    }
    toAbort.forEach(Runnable::run); // outside the lock: an abort may take a moment (closing a socket)
  }

  private synchronized void disarm(Thread thread) {
    if (watcher == thread) {
      watcher = null;
      stopped = false;
      aborts.clear();
      thread.interrupt();
    }
  }

  /** True once the armed pass's stop has been seen (within {@link #POLL} of the request). */
  public synchronized boolean requested() {
    return stopped;
  }

  /**
   * Runs {@code abort} when the stop fires, unless the watch is closed first; at once when it has
   * already fired; never when the signal is not armed. {@code abort} must be safe to call from another thread (OkHttp's
   * {@code Call.cancel} is).
   */
  public Watch watch(Runnable abort) {
    synchronized (this) {
      if (watcher == null) {
        return () -> { }; // not armed: no pass, no stop to come (a one-off command's client)
      }
      if (!stopped) {
        aborts.add(abort);
        return () -> forget(abort);
      }
    }
    abort.run();
    return () -> { };
  }

  private synchronized void forget(Runnable abort) {
    aborts.remove(abort);
  }

  /**
   * Waits up to {@code timeout}, returning early when the stop fires: true when it has (a
   * backoff that should not be followed by another attempt), false when the time ran out.
   */
  public synchronized boolean await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stopped) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
