package dev.outpost.agent.config;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.schedule.SyncWindow;
import java.time.Duration;
import java.util.List;

/**
 * {@code sync:} what to pull from the parent, and when. {@code schedule} is a 5-field cron in UTC
 * ({@code * * * * *} = continuous) and {@code window} how long each opening lasts.
 * {@code stallTimeout} is how long a transfer may bring no byte before the attempt fails and is
 * retried from where it stopped (a satellite link that drops out for a while may want more).
 */
public record SyncConfig(
    List<RepositoryPattern> repositories,
    List<Platform> platforms,
    String schedule,
    Duration window,
    Integer chunkSizeMb,
    Integer concurrency,
    Duration passInterval,
    Duration stallTimeout) {

  public static final String CONTINUOUS = "* * * * *";

  public SyncConfig {
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
    schedule = schedule == null ? CONTINUOUS : schedule.trim();
    window = window == null ? Duration.ofHours(1) : window;
    chunkSizeMb = chunkSizeMb == null ? SyncSettings.DEFAULT_CHUNK_SIZE_MB : chunkSizeMb;
    concurrency = concurrency == null ? SyncSettings.DEFAULT_CONCURRENCY : concurrency;
    passInterval = passInterval == null ? Duration.ofMinutes(1) : passInterval;
    stallTimeout = stallTimeout == null ? HttpClients.DEFAULT_STALL_TIMEOUT : stallTimeout;
    if (chunkSizeMb < 1 || chunkSizeMb > 1024) {
      throw new IllegalArgumentException("sync.chunkSizeMb must be between 1 and 1024 (got " + chunkSizeMb + ")");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("sync.concurrency must be between 1 and 64 (got " + concurrency + ")");
    }
    if (stallTimeout.compareTo(Duration.ofSeconds(1)) < 0 || stallTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("sync.stallTimeout must be between PT1S and PT1H (got " + stallTimeout + ")");
    }
    syncWindow(schedule, window); // fail at load, not when run starts the scheduler
  }

  /** When the link may be used: {@code window} long openings at each fire time of {@code schedule}. */
  public SyncWindow syncWindow() {
    return syncWindow(schedule, window);
  }

  private static SyncWindow syncWindow(String schedule, Duration window) {
    try {
      return new SyncWindow(schedule, window);
    } catch (IllegalArgumentException e) {
      // SyncWindow checks both values but names neither key; it refuses the window first. No
      // cause: ConfigLoader reports the root cause's message, which would lose the key.
      String key = window.isPositive() ? "sync.schedule" : "sync.window";
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
  }

  public static SyncConfig defaults() {
    return new SyncConfig(null, null, null, null, null, null, null, null);
  }
}
