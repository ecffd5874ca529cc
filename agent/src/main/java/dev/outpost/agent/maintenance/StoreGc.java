package dev.outpost.agent.maintenance;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.StoreMaintenance;
import dev.outpost.store.gc.GarbageCollector;
import dev.outpost.store.gc.GcReport;
import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.store.gc.Removal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Garbage collection as the agent runs it, from {@code outpost gc} or the daemon's schedule: the
 * grace period and partial TTL from {@code store:}, the selection from {@code sync.repositories}
 * (partials of repositories no longer selected go), bytes freed counted in
 * {@code outpost_store_gc_freed_bytes_total}. One collection at a time per process: a scheduled
 * one and one asked through the admin API do not overlap.
 */
public final class StoreGc {
  static final int MAX_LINES = 1000;

  private final StoreMaintenance store;
  private final GarbageCollector collector;
  private final Counter freed;
  private final ReentrantLock running = new ReentrantLock();

  public StoreGc(OutpostConfig config, StoreMaintenance store, MeterRegistry meters, Clock clock) {
    this.store = store;
    PartialPolicy partials = new PartialPolicy(
        config.parentIfConfigured().isPresent() ? config.sync().repositoryPatterns() : List.of(), config.store().partialTtl());
    this.collector = new GarbageCollector(store, config.store().gc().grace(), partials, clock);
    this.freed = Counter.builder("outpost_store_gc_freed_bytes").baseUnit("bytes")
        .description("Bytes garbage collection removed from the store").register(meters);
  }

  public GcResult run(boolean dryRun) {
    running.lock();
    try {
      // Pull times recorded in memory become visible to the mark (they are read from the index too).
      store.flushPulls();
      List<String> lines = new ArrayList<>();
      long[] more = {0};
      GcReport report = collector.collect(dryRun, removal -> {
        if (lines.size() < MAX_LINES) {
          lines.add(line(removal, dryRun));
        } else {
          more[0]++;
        }
      });
      if (!dryRun) {
        freed.increment(report.bytesFreed());
      }
      return new GcResult(report, lines, more[0]);
    } finally {
      running.unlock();
    }
  }

  /** Runs {@code work} while no collection of this process runs (the quota's eviction: one session at a time). */
  <T> T whileNotCollecting(java.util.function.Supplier<T> work) {
    running.lock();
    try {
      return work.get();
    } finally {
      running.unlock();
    }
  }

  private static String line(Removal removal, boolean dryRun) {
    return (dryRun ? "would remove " : "removed ") + removal.describe();
  }
}
