package dev.outpost.agent.config;

import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.sync.engine.InvalidSettingException;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import dev.outpost.sync.schedule.SyncWindow;
import dev.outpost.sync.select.RepositoryRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sync:} what to pull from the parent, and when. {@code schedule} is a 5-field cron in UTC
 * ({@code * * * * *} = continuous) and {@code window} how long each opening lasts; a window with
 * the continuous schedule is refused, since it would be silently ignored. {@code stallTimeout} is
 * how long a transfer may bring no byte before the attempt fails and is retried from where it
 * stopped (a satellite link that drops out for a while may want more). {@code maxBandwidth} caps
 * what all transfers together take from the link ({@code 20Mbit}, {@code 2.5MB}), and
 * {@code bandwidthProfile} sets other limits by time of day in UTC ({@link BandwidthRangeConfig};
 * {@code maxBandwidth} outside its ranges). {@code
 * repositories} holds rules, each a string or a map ({@link RepositoryRuleDeserializer});
 * {@code deleteGrace} is how long a tag gone upstream stays before it is removed locally
 * ({@code PT0S}: at once). {@code reportAs}: when set, the name this Outpost reports its status
 * under to a parent Outpost after each pass ({@code outpost status --children} there).
 *
 * <p>The values are checked where the engine defines them ({@link SyncSettings}, {@link SyncWindow});
 * this record only fills in defaults, builds those, and names the key of a refused value.
 */
public record SyncConfig(
    List<RepositoryRule> repositories,
    List<Platform> platforms,
    String schedule,
    Duration window,
    Integer chunkSizeMb,
    Integer concurrency,
    Duration passInterval,
    Duration stallTimeout,
    Bandwidth maxBandwidth,
    Duration deleteGrace,
    String reportAs,
    List<BandwidthRangeConfig> bandwidthProfile) {

  public static final String CONTINUOUS = "* * * * *";
  private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
  static final String WINDOW_WITH_CONTINUOUS = "has no effect with the continuous schedule '" + CONTINUOUS
      + "' (always open); remove sync.window, or set sync.schedule to when each window opens, such as '0 22 * * *'";

  public SyncConfig {
    repositories = repositories == null ? List.of() : List.copyOf(repositories);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
    schedule = schedule == null ? CONTINUOUS : schedule.trim();
    chunkSizeMb = chunkSizeMb == null ? SyncSettings.DEFAULT_CHUNK_SIZE_MB : chunkSizeMb;
    concurrency = concurrency == null ? SyncSettings.DEFAULT_CONCURRENCY : concurrency;
    passInterval = passInterval == null ? Duration.ofMinutes(1) : passInterval;
    stallTimeout = stallTimeout == null ? HttpClients.DEFAULT_STALL_TIMEOUT : stallTimeout;
    deleteGrace = deleteGrace == null ? SyncSettings.DEFAULT_DELETE_GRACE : deleteGrace;
    reportAs = reportAs == null || reportAs.isBlank() ? null : reportAs.strip();
    bandwidthProfile = bandwidthProfile == null ? List.of() : List.copyOf(bandwidthProfile);
    requireDistinctNames(repositories);
    // Fail at load, not when run starts the scheduler or the engine.
    SyncWindow opening = syncWindow(schedule, window == null ? DEFAULT_WINDOW : window);
    if (window != null && opening.isContinuous()) {
      throw new ConfigValueException("sync.window", WINDOW_WITH_CONTINUOUS);
    }
    window = window == null ? DEFAULT_WINDOW : window;
    settings(repositories, platforms, chunkSizeMb, concurrency, stallTimeout, maxBandwidth, deleteGrace,
        bandwidthProfile);
  }

  /** When the link may be used: {@code window} long openings at each fire time of {@code schedule}. */
  public SyncWindow syncWindow() {
    return syncWindow(schedule, window);
  }

  /** The engine's settings for these values, with the default retry policy. */
  public SyncSettings settings() {
    return settings(repositories, platforms, chunkSizeMb, concurrency, stallTimeout, maxBandwidth, deleteGrace,
        bandwidthProfile);
  }

  /** The repository patterns of every rule, in order. */
  public List<RepositoryPattern> repositoryPatterns() {
    return repositories.stream().map(RepositoryRule::name).toList();
  }

  /**
   * The repository patterns of rules marked {@code pinned: true}: content of the repositories they
   * select is never evicted by the quota.
   */
  public List<RepositoryPattern> pinnedPatterns() {
    return repositories.stream().filter(RepositoryRule::pinned).map(RepositoryRule::name).toList();
  }

  /** Two rules for one pattern would leave which one governs to the order of the file: refused. */
  private static void requireDistinctNames(List<RepositoryRule> rules) {
    Set<RepositoryPattern> seen = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      if (!seen.add(rules.get(i).name())) {
        throw new ConfigValueException("sync.repositories[" + i + "]", "'" + rules.get(i).name()
            + "' is listed twice; merge the two entries into one");
      }
    }
  }

  private static SyncSettings settings(List<RepositoryRule> repositories, List<Platform> platforms,
      int chunkSizeMb, int concurrency, Duration stallTimeout, Bandwidth maxBandwidth, Duration deleteGrace,
      List<BandwidthRangeConfig> bandwidthProfile) {
    List<BandwidthProfile.Range> ranges = new ArrayList<>();
    for (int i = 0; i < bandwidthProfile.size(); i++) {
      ranges.add(bandwidthProfile.get(i).toRange("sync.bandwidthProfile[" + i + "]"));
    }
    try {
      return new SyncSettings(repositories, platforms, chunkSizeMb, concurrency, RetrySettings.defaults(), stallTimeout,
          Optional.ofNullable(maxBandwidth), deleteGrace, ranges);
    } catch (InvalidSettingException e) {
      throw refused(e);
    }
  }

  private static SyncWindow syncWindow(String schedule, Duration window) {
    try {
      return new SyncWindow(schedule, window);
    } catch (InvalidSettingException e) {
      throw refused(e);
    }
  }

  /** The engine names its setting as this section spells it; the file knows it under {@code sync.}. */
  private static ConfigValueException refused(InvalidSettingException e) {
    return new ConfigValueException("sync." + e.setting(), e.reason());
  }

  public static SyncConfig defaults() {
    return new SyncConfig(null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
