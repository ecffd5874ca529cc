package dev.outpost.sync.engine;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.http.RetrySettings;
import java.util.List;

/**
 * What to sync and how hard to pull: repositories by exact name or {@code prefix/*}, platforms to
 * keep out of indexes (empty keeps all), the Range chunk size (also the most a crash can lose per
 * blob), how many repositories and blobs move at once, and the retry policy.
 */
public record SyncSettings(
    List<RepositoryPattern> repositories,
    List<Platform> platforms,
    int chunkSizeMb,
    int concurrency,
    RetrySettings retry) {

  public static final int DEFAULT_CHUNK_SIZE_MB = 8;
  public static final int DEFAULT_CONCURRENCY = 4;

  public SyncSettings {
    repositories = List.copyOf(repositories);
    platforms = List.copyOf(platforms);
    if (chunkSizeMb < 1) {
      throw new IllegalArgumentException("chunkSizeMb must be at least 1, not " + chunkSizeMb);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
  }

  /** The given repositories, all platforms, default chunk size, concurrency and retries. */
  public static SyncSettings of(List<RepositoryPattern> repositories) {
    return new SyncSettings(repositories, List.of(), DEFAULT_CHUNK_SIZE_MB, DEFAULT_CONCURRENCY, RetrySettings.defaults());
  }

  public SyncSettings withPlatforms(List<Platform> newPlatforms) {
    return new SyncSettings(repositories, newPlatforms, chunkSizeMb, concurrency, retry);
  }

  public SyncSettings withChunkSizeMb(int mb) {
    return new SyncSettings(repositories, platforms, mb, concurrency, retry);
  }

  public SyncSettings withRetry(RetrySettings newRetry) {
    return new SyncSettings(repositories, platforms, chunkSizeMb, concurrency, newRetry);
  }

  public long chunkSizeBytes() {
    return chunkSizeMb * 1024L * 1024L;
  }

  /** True when the platform filter admits {@code platform} (an empty filter admits all). */
  public boolean admits(Platform platform) {
    return platforms.isEmpty() || platforms.stream().anyMatch(p -> p.admits(platform));
  }
}
