package dev.outpost.agent.runtime;

import dev.outpost.agent.status.SyncOutlook;
import dev.outpost.agent.status.SyncSummary;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.schedule.SyncWindow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sync metrics an operator plans with, next to the engine's byte and blob counters:
 * {@code outpost_sync_lag_seconds{repository}} (time since the repository last synced completely;
 * NaN before its first success), {@code outpost_sync_window_open} (1 or 0),
 * {@code outpost_sync_bandwidth_limit_bytes} (the cap in bytes per second; 0 when uncapped),
 * {@code outpost_sync_pass_duration_seconds} (a timer over passes), and for the running (or last)
 * pass {@code outpost_sync_pass_bytes_remaining} (what the images it has resolved still need, as in
 * status) and {@code outpost_sync_pass_eta_seconds} (NaN when no speed is known). Values are read
 * when scraped.
 */
final class SyncMetrics implements SyncListener {
  static final String LAG = "outpost_sync_lag_seconds";
  static final String WINDOW_OPEN = "outpost_sync_window_open";
  static final String BANDWIDTH_LIMIT = "outpost_sync_bandwidth_limit_bytes";
  static final String PASS_DURATION = "outpost_sync_pass_duration_seconds";
  static final String PASS_REMAINING = "outpost_sync_pass_bytes_remaining";
  static final String PASS_ETA = "outpost_sync_pass_eta_seconds";

  private final LocalStore store;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Timer passes;
  /** Repositories whose lag gauge exists: Micrometer warns when a gauge is registered again. */
  private final Set<RepositoryName> lagged = ConcurrentHashMap.newKeySet();

  SyncMetrics(LocalStore store, MeterRegistry meters, Clock clock, SyncWindow window, Optional<Long> capBytesPerSecond,
      SyncOutlook outlook) {
    this.store = store;
    this.meters = meters;
    this.clock = clock;
    Gauge.builder(WINDOW_OPEN, () -> window.isOpen(clock.instant()) ? 1 : 0)
        .description("1 while the sync window is open").register(meters);
    Gauge.builder(BANDWIDTH_LIMIT, () -> capBytesPerSecond.orElse(0L))
        .description("sync.maxBandwidth in bytes per second; 0 when uncapped").register(meters);
    Gauge.builder(PASS_REMAINING, () -> remaining(outlook.summary()))
        .description("Bytes the running pass still needs for the images it has resolved").register(meters);
    Gauge.builder(PASS_ETA, () -> Optional.ofNullable(outlook.summary().passEtaSeconds()).map(Long::doubleValue)
        .orElse(Double.NaN)).description("Seconds the running pass needs for the rest, at the cap or the rate")
        .register(meters);
    this.passes = Timer.builder(PASS_DURATION).description("How long sync passes take").register(meters);
    store.syncStates().forEach(s -> lagOf(s.repository()));
  }

  @Override
  public void repositoryFinished(RepoResult result) {
    lagOf(result.repository());
  }

  private static long remaining(SyncSummary pass) {
    return Math.max(0, pass.passBytesTotal() - pass.passBytesDone());
  }

  void passFinished(Duration duration) {
    passes.record(duration);
  }

  /** Registers the repository's lag gauge, once. */
  private void lagOf(RepositoryName repository) {
    if (!lagged.add(repository)) {
      return;
    }
    Gauge.builder(LAG, () -> store.syncState(repository).flatMap(RepoSyncState::lastSuccess)
            .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
        .tag("repository", repository.value())
        .description("Seconds since the repository last synced completely").register(meters);
  }
}
