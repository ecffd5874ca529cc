package dev.outpost.sync.engine;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.http.RetrySettings;
import java.time.Duration;
import java.util.List;

/**
 * What to sync and how hard to pull: repositories by exact name or {@code prefix/*}, platforms to
 * keep out of indexes (empty keeps all), the chunk size (the unit of durable progress: the most a
 * crash can lose per blob), how many repositories and blobs move at once, the retry policy, and
 * how long a transfer may bring no byte before the attempt fails.
 */
public record SyncSettings(
    List<RepositoryPattern> repositories,
    List<Platform> platforms,
    int chunkSizeMb,
    int concurrency,
    RetrySettings retry,
    Duration stallTimeout) {

  public static final int DEFAULT_CHUNK_SIZE_MB = 8;
  public static final int DEFAULT_CONCURRENCY = 4;

  public SyncSettings {
    repositories = List.copyOf(repositories);
    platforms = List.copyOf(platforms);
    if (chunkSizeMb < 1) {
      throw new IllegalArgumentException("chunkSizeMb must be at least 1, not " + chunkSizeMb);
    }
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("stallTimeout must be positive, not " + stallTimeout);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
  }

  public SyncSettings withPlatforms(List<Platform> newPlatforms) {
    return new SyncSettings(repositories, newPlatforms, chunkSizeMb, concurrency, retry, stallTimeout);
  }

  public SyncSettings withStallTimeout(Duration timeout) {
    return new SyncSettings(repositories, platforms, chunkSizeMb, concurrency, retry, timeout);
  }

  public long chunkSizeBytes() {
    return chunkSizeMb * 1024L * 1024L;
  }

  /** True when the platform filter admits {@code platform} (an empty filter admits all). */
  public boolean admits(Platform platform) {
    return platforms.isEmpty() || platforms.stream().anyMatch(p -> p.admits(platform));
  }
}
