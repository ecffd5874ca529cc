package dev.outpost.agent.status;

import java.util.List;

/**
 * The store's size for {@code outpost status}: the bytes of its committed blobs, the quota
 * ({@code store.maxSize}; null when there is none) and the most recent evictions, newest first
 * (empty when the status did not come from the running Outpost, which alone remembers them).
 */
public record StoreUsage(long sizeBytes, Long maxSizeBytes, List<EvictedImage> evicted) {
  public StoreUsage {
    evicted = evicted == null ? List.of() : List.copyOf(evicted);
  }
}
