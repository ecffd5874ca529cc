package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the rate at which blob bytes come off the link: every read a transfer reports through
 * {@link SyncListener#bytesProgressed} is a step, stamped with {@code System.nanoTime}. The rate is
 * taken between the first step at or after a window's start and the last at or before its end, so
 * a read half inside the window does not count as a whole one.
 *
 * <p>Why not at the parent: on loopback the kernel holds about 4 MiB per connection between the
 * parent's writes and the client's reads, and wakes a blocked writer only when a third of its send
 * buffer is free, so the parent's count moves in megabyte steps: at 1 Mbit/s over four connections
 * one step a minute. Bytes read from the socket are what crossed the link.
 */
final class LinkRateMeter implements SyncListener {
  private record Step(long nanos, long bytes) {
  }

  private final List<Step> steps = new ArrayList<>();
  private long total;

  @Override
  public synchronized void bytesProgressed(Digest digest, long n) {
    total += n;
    steps.add(new Step(System.nanoTime(), total));
  }

  synchronized long total() {
    return total;
  }

  /** Bytes per second between the steps inside {@code [fromNanos, toNanos]} (System.nanoTime). */
  synchronized double rate(long fromNanos, long toNanos) {
    List<Step> inside = steps.stream().filter(s -> s.nanos() >= fromNanos && s.nanos() <= toNanos).toList();
    if (inside.size() < 2) {
      throw new IllegalStateException("fewer than two reads in the window: " + inside);
    }
    Step first = inside.getFirst();
    Step last = inside.getLast();
    return (last.bytes() - first.bytes()) * 1e9 / (last.nanos() - first.nanos());
  }
}
