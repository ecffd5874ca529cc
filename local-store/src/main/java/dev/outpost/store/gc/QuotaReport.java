package dev.outpost.store.gc;

import java.util.List;

/**
 * What one quota check found and did. {@code sizeBefore} is the bytes of committed blobs;
 * {@code sizeAfter} what garbage collection is expected to leave once it has freed what nothing
 * references any more (evicted images and content already unreferenced). {@code satisfied} is
 * false when the store stays over {@code maxBytes} because all that is left is pinned or in use.
 */
public record QuotaReport(long maxBytes, long sizeBefore, long sizeAfter, List<Eviction> evictions) {
  public QuotaReport {
    evictions = List.copyOf(evictions);
  }

  static QuotaReport within(long maxBytes, long size) {
    return new QuotaReport(maxBytes, size, size, List.of());
  }

  public boolean satisfied() {
    return sizeAfter <= maxBytes;
  }

  public long evictedBytes() {
    return evictions.stream().mapToLong(Eviction::bytes).sum();
  }
}
