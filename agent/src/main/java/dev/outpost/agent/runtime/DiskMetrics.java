package dev.outpost.agent.runtime;

import dev.outpost.store.DiskSpace;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The store's disk as metrics, read at each scrape: {@code outpost_store_free_bytes},
 * {@code outpost_store_reserve_bytes} and {@code outpost_store_disk_full} (1 while content cannot
 * be written: free space at or below the reserve, or the last write failed for lack of space).
 */
final class DiskMetrics {
  private DiskMetrics() {}

  static void register(DiskSpace disk, MeterRegistry meters) {
    Gauge.builder("outpost_store_free_bytes", disk, d -> d.space().freeBytes()).baseUnit("bytes")
        .description("Free space on the store's filesystem").register(meters);
    Gauge.builder("outpost_store_reserve_bytes", disk, d -> d.space().reserveBytes()).baseUnit("bytes")
        .description("Free space kept for the index (store.reserve); content never takes it").register(meters);
    Gauge.builder("outpost_store_disk_full", disk, d -> d.space().full() ? 1 : 0)
        .description("1 while content cannot be written for lack of space; syncing resumes by itself after").register(meters);
  }
}
