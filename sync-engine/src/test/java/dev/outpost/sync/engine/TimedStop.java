package dev.outpost.sync.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A pass stopped at a chosen moment, and how late it returned: the stop-timing tests' one way of
 * running a pass, waiting until {@code reached} holds (and 200 ms more, so the client is blocked in
 * whatever it waits on), requesting the stop, and timing the pass's return.
 */
record TimedStop(SyncReport report, Duration late) {
  static TimedStop of(Function<AtomicBoolean, SyncReport> pass, BooleanSupplier reached) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CompletableFuture<SyncReport> running = CompletableFuture.supplyAsync(() -> pass.apply(stop));
    while (!reached.getAsBoolean()) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    long stoppedAt = System.nanoTime();
    stop.set(true);
    SyncReport report = running.get();
    return new TimedStop(report, Duration.ofNanos(System.nanoTime() - stoppedAt));
  }
}
