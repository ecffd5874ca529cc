package dev.outpost.agent.config;

import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.sync.schedule.QuartzCron;
import dev.outpost.store.SpaceReserve;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code store:} how the store looks after itself. {@code maxSize} (optional, such as {@code 200Gi})
 * is the quota: above it the least recently pulled unpinned content is evicted. {@code partialTtl}
 * (default {@code P7D}) is how long an untouched partial download is kept. {@code gc} says when
 * garbage collection runs ({@link GcConfig}). {@code reserve} (default: 1 GiB or 2% of the store's
 * filesystem, whichever is smaller) is free space content never takes, so the index can always open,
 * flush and compact.
 */
public record StoreConfig(ByteSize maxSize, Duration partialTtl, GcConfig gc, ByteSize reserve) {
  public StoreConfig {
    partialTtl = partialTtl == null ? PartialPolicy.DEFAULT_TTL : partialTtl;
    if (partialTtl.isNegative()) {
      throw new ConfigValueException("store.partialTtl", "must not be negative, such as P7D");
    }
    gc = gc == null ? GcConfig.defaults() : gc;
  }

  public Optional<ByteSize> quota() {
    return Optional.ofNullable(maxSize);
  }

  /** The configured reserve, else the default for a store in {@code storagePath}. */
  public SpaceReserve reserveFor(Path storagePath) {
    return reserve == null ? SpaceReserve.defaultFor(storagePath) : new SpaceReserve(reserve.bytes());
  }

  public static StoreConfig defaults() {
    return new StoreConfig(null, null, null, null);
  }

  /**
   * {@code store.gc:} {@code schedule} is a 5-field cron in UTC (default {@code 0 3 * * *}, daily at
   * 03:00); {@code grace} (default {@code PT1H}) is how young content must be to be kept even when
   * nothing references it: a sync commits blobs before the manifest that references them.
   */
  public record GcConfig(String schedule, Duration grace) {
    public static final String DEFAULT_SCHEDULE = "0 3 * * *";
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    public GcConfig {
      schedule = schedule == null ? DEFAULT_SCHEDULE : schedule.trim();
      grace = grace == null ? DEFAULT_GRACE : grace;
      try {
        QuartzCron.fromUnix(schedule);
      } catch (IllegalArgumentException e) {
        throw new ConfigValueException("store.gc.schedule", e.getMessage());
      }
      if (grace.isNegative()) {
        throw new ConfigValueException("store.gc.grace", "must not be negative, such as PT1H");
      }
    }

    public static GcConfig defaults() {
      return new GcConfig(null, null);
    }
  }
}
