package dev.outpost.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code import:} bundles that arrive on their own. {@code watch} is a folder {@code outpost run}
 * polls for bundle parts (a mounted disk, a network share) and imports; {@code pollInterval} how
 * often it looks ({@code PT10S} by default). The folder is polled, not watched for events: mounted
 * disks and network shares do not deliver them. Its absence at start is not an error (the disk may
 * not be plugged in yet); {@code outpost status} says so.
 */
public record ImportConfig(Path watch, Duration pollInterval) {
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

  public ImportConfig {
    if (pollInterval != null && watch == null) {
      throw new ConfigValueException("import.pollInterval", "has no effect without import.watch (the folder to poll)");
    }
    if (pollInterval != null && (pollInterval.isNegative() || pollInterval.compareTo(Duration.ofSeconds(1)) < 0)) {
      throw new ConfigValueException("import.pollInterval", "must be at least PT1S (got " + pollInterval + ")");
    }
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
  }

  /** The folder to poll, if one is configured. */
  public Optional<Path> watchFolder() {
    return Optional.ofNullable(watch);
  }

  public static ImportConfig defaults() {
    return new ImportConfig(null, null);
  }
}
