package dev.outpost.sync.engine;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.link.Bandwidth;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What to sync and how hard to pull: repositories by exact name or {@code prefix/*}, platforms to
 * keep out of indexes (empty keeps all), the chunk size (the unit of durable progress: the most a
 * crash can lose per blob), how many repositories and blobs move at once, the retry policy, and
 * how long a transfer may bring no byte before the attempt fails, and the cap on the bandwidth all
 * transfers together may use (none when empty).
 *
 * <p>This record is the one place these values are checked; an out-of-range value is an
 * {@link InvalidSettingException} naming the setting as the configuration spells it.
 */
public record SyncSettings(
    List<RepositoryPattern> repositories,
    List<Platform> platforms,
    int chunkSizeMb,
    int concurrency,
    RetrySettings retry,
    Duration stallTimeout,
    Optional<Bandwidth> maxBandwidth) {

  public static final int DEFAULT_CHUNK_SIZE_MB = 8;
  public static final int DEFAULT_CONCURRENCY = 4;
  // Bounds against typos (a chunk of 8000 MB, 400 connections to a parent), not tuned limits.
  static final int MAX_CHUNK_SIZE_MB = 1024;
  static final int MAX_CONCURRENCY = 64;
  static final Duration MIN_STALL_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MAX_STALL_TIMEOUT = Duration.ofHours(1);

  public SyncSettings {
    repositories = List.copyOf(repositories);
    platforms = List.copyOf(platforms);
    requireBetween("chunkSizeMb", chunkSizeMb, 1, MAX_CHUNK_SIZE_MB);
    requireBetween("concurrency", concurrency, 1, MAX_CONCURRENCY);
    if (stallTimeout == null || stallTimeout.compareTo(MIN_STALL_TIMEOUT) < 0
        || stallTimeout.compareTo(MAX_STALL_TIMEOUT) > 0) {
      throw new InvalidSettingException("stallTimeout",
          "must be between " + MIN_STALL_TIMEOUT + " and " + MAX_STALL_TIMEOUT + " (got " + stallTimeout + ")");
    }
    if (retry == null) {
      throw new InvalidSettingException("retry", "is required");
    }
    maxBandwidth = maxBandwidth == null ? Optional.empty() : maxBandwidth;
  }

  /** Settings without a bandwidth cap. */
  public SyncSettings(List<RepositoryPattern> repositories, List<Platform> platforms, int chunkSizeMb, int concurrency,
      RetrySettings retry, Duration stallTimeout) {
    this(repositories, platforms, chunkSizeMb, concurrency, retry, stallTimeout, Optional.empty());
  }

  public long chunkSizeBytes() {
    return chunkSizeMb * 1024L * 1024L;
  }

  /** True when the platform filter admits {@code platform} (an empty filter admits all). */
  public boolean admits(Platform platform) {
    return platforms.isEmpty() || platforms.stream().anyMatch(p -> p.admits(platform));
  }

  private static void requireBetween(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(setting, "must be between " + min + " and " + max + " (got " + value + ")");
    }
  }
}
