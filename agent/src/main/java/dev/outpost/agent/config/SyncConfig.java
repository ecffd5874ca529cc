package dev.outpost.agent.config;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.schedule.SyncWindow;
import java.time.Duration;
import java.util.List;

/**
 * {@code sync:} what to pull from the parent, and when. {@code schedule} is a 5-field cron in UTC
 * ({@code * * * * *} = continuous) and {@code window} how long each opening lasts.
 */
public record SyncConfig(
    List<RepositoryPattern> repositories,
    List<Platform> platforms,
    String schedule,
    Duration window,
    Integer chunkSizeMb,
    Integer concurrency,
    Duration passInterval) {

  public static final String CONTINUOUS = "* * * * *";

  public SyncConfig {
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
    schedule = schedule == null ? CONTINUOUS : schedule.trim();
    window = window == null ? Duration.ofHours(1) : window;
    chunkSizeMb = chunkSizeMb == null ? 8 : chunkSizeMb;
    concurrency = concurrency == null ? 4 : concurrency;
    passInterval = passInterval == null ? Duration.ofMinutes(1) : passInterval;
    if (chunkSizeMb < 1 || chunkSizeMb > 1024) {
      throw new IllegalArgumentException("sync.chunkSizeMb must be between 1 and 1024 (got " + chunkSizeMb + ")");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("sync.concurrency must be between 1 and 64 (got " + concurrency + ")");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("sync.window must be a positive duration such as PT4H");
    }
    if (schedule.split("\\s+").length != 5) {
      throw new IllegalArgumentException("sync.schedule must be a 5-field cron in UTC such as '0 22 * * *' (got '" + schedule + "')");
    }
    try {
      new SyncWindow(schedule, window);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sync.schedule '" + schedule + "': " + e.getMessage(), e);
    }
  }

  public static SyncConfig defaults() {
    return new SyncConfig(null, null, null, null, null, null, null);
  }
}
