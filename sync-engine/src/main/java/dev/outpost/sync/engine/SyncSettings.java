package dev.outpost.sync.engine;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.http.ReceiveWindow;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to sync and how hard to pull: repository rules (exact name or {@code prefix/*}, with tag
 * filters, see {@link RepositoryRule}), platforms to keep out of indexes (empty keeps all), how long a
 * tag gone upstream stays ({@code deleteGrace}), the chunk size (the unit of durable progress: the most a
 * crash can lose per blob), how many repositories and blobs move at once, the retry policy, and
 * how long a transfer may bring no byte before the attempt fails, and the cap on the bandwidth all
 * transfers together may use (none when empty), by time of day when a {@code bandwidthProfile} is set.
 *
 * <p>This record is the one place these values are checked; an out-of-range value is an
 * {@link InvalidSettingException} naming the setting as the configuration spells it.
 */
public record SyncSettings(
    List<RepositoryRule> rules,
    List<Platform> platforms,
    int chunkSizeMb,
    int concurrency,
    RetrySettings retry,
    Duration stallTimeout,
    Optional<Bandwidth> maxBandwidth,
    Duration deleteGrace,
    List<BandwidthProfile.Range> bandwidthProfile) {

  public static final int DEFAULT_CHUNK_SIZE_MB = 8;
  public static final int DEFAULT_CONCURRENCY = 4;
  // Bounds against typos (a chunk of 8000 MB, 400 connections to a parent), not tuned limits.
  static final int MAX_CHUNK_SIZE_MB = 1024;
  static final int MAX_CONCURRENCY = 64;
  static final Duration MIN_STALL_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MAX_STALL_TIMEOUT = Duration.ofHours(1);

  /** How long a tag missing upstream stays before it is removed locally, unless configured. */
  public static final Duration DEFAULT_DELETE_GRACE = Duration.ofHours(24);

  public SyncSettings {
    rules = List.copyOf(rules);
    platforms = List.copyOf(platforms);
    requireBetween("chunkSizeMb", chunkSizeMb, 1, MAX_CHUNK_SIZE_MB);
    requireBetween("concurrency", concurrency, 1, MAX_CONCURRENCY);
    if (stallTimeout == null || stallTimeout.compareTo(MIN_STALL_TIMEOUT) < 0
        || stallTimeout.compareTo(MAX_STALL_TIMEOUT) > 0) {
      throw new InvalidSettingException("stallTimeout",
          "must be between " + MIN_STALL_TIMEOUT + " and " + MAX_STALL_TIMEOUT + " (got " + stallTimeout + ")");
    }
    if (deleteGrace == null || deleteGrace.isNegative()) {
      throw new InvalidSettingException("deleteGrace", "must be zero (PT0S, at once) or more (got " + deleteGrace + ")");
    }
    if (retry == null) {
      throw new InvalidSettingException("retry", "is required");
    }
    maxBandwidth = maxBandwidth == null ? Optional.empty() : maxBandwidth;
    bandwidthProfile = bandwidthProfile == null ? List.of() : List.copyOf(bandwidthProfile);
    try {
      new BandwidthProfile(bandwidthProfile, maxBandwidth);
    } catch (BandwidthProfile.InvalidRangeException e) {
      throw new InvalidSettingException("bandwidthProfile[" + e.index() + "]", e.getMessage());
    }
  }

  /** No bandwidth profile: {@code maxBandwidth} at every hour. */
  public SyncSettings(List<RepositoryRule> rules, List<Platform> platforms, int chunkSizeMb, int concurrency,
      RetrySettings retry, Duration stallTimeout, Optional<Bandwidth> maxBandwidth, Duration deleteGrace) {
    this(rules, platforms, chunkSizeMb, concurrency, retry, stallTimeout, maxBandwidth, deleteGrace, List.of());
  }

  /** The cap of the link by time of day: the profile's ranges, {@code maxBandwidth} outside them. */
  public BandwidthProfile linkProfile() {
    return new BandwidthProfile(bandwidthProfile, maxBandwidth);
  }

  /**
   * {@code address} with connections whose receive buffer holds the parent to the cap, sized from
   * the profile's highest limit (see {@link ReceiveWindow}); unchanged when some hour is unlimited.
   */
  public ParentEndpoint withReceiveWindow(ParentEndpoint address) {
    return linkProfile().highest()
        .map(cap -> ReceiveWindow.forCap(cap.bytesPerSecond(), concurrency))
        .filter(OptionalInt::isPresent)
        .map(buffer -> address.withTransport(address.transport().withReceiveBuffer(buffer.getAsInt())))
        .orElse(address);
  }

  /** Every tag of each pattern, no bandwidth cap, deletions after {@link #DEFAULT_DELETE_GRACE}. */
  public SyncSettings(List<RepositoryPattern> repositories, List<Platform> platforms, int chunkSizeMb, int concurrency,
      RetrySettings retry, Duration stallTimeout) {
    this(repositories, platforms, chunkSizeMb, concurrency, retry, stallTimeout, Optional.empty());
  }

  /** Every tag of each pattern, the global platforms, deletions after {@link #DEFAULT_DELETE_GRACE}. */
  public SyncSettings(List<RepositoryPattern> repositories, List<Platform> platforms, int chunkSizeMb, int concurrency,
      RetrySettings retry, Duration stallTimeout, Optional<Bandwidth> maxBandwidth) {
    this(repositories.stream().map(RepositoryRule::all).toList(), platforms, chunkSizeMb, concurrency, retry,
        stallTimeout, maxBandwidth, DEFAULT_DELETE_GRACE);
  }

  /** The repository patterns of the rules, in order. */
  public List<RepositoryPattern> repositories() {
    return rules.stream().map(RepositoryRule::name).toList();
  }

  /** The rule that governs {@code repository}, if any rule selects it. */
  public Optional<RepositoryRule> ruleFor(RepositoryName repository) {
    return RepositoryRule.governing(rules, repository);
  }

  public long chunkSizeBytes() {
    return chunkSizeMb * 1024L * 1024L;
  }

  /** True when the global platform filter admits {@code platform} (an empty filter admits all). */
  public boolean admits(Platform platform) {
    return admits(platforms, platform);
  }

  /** True when {@code rule}'s platforms, or the global ones if it names none, admit {@code platform}. */
  public boolean admits(RepositoryRule rule, Platform platform) {
    return admits(rule.platforms().isEmpty() ? platforms : rule.platforms(), platform);
  }

  private static boolean admits(List<Platform> filter, Platform platform) {
    return filter.isEmpty() || filter.stream().anyMatch(p -> p.admits(platform));
  }

  private static void requireBetween(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidSettingException(setting, "must be between " + min + " and " + max + " (got " + value + ")");
    }
  }
}
