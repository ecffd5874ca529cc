package dev.outpost.agent.status;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.schedule.SyncWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Puts the window, the cap and this process's {@link SyncProgress} (empty when nothing syncs in
 * this process, as for {@code outpost status} reading the store itself) together into the figures
 * of the status report. ETA is the bytes left over the cap when {@code sync.maxBandwidth} is set,
 * else over the measured rate: the cap is what the link will be allowed, the rate what it gave.
 */
public final class SyncOutlook {
  private final SyncWindow window;
  private final Optional<Long> capBytesPerSecond;
  private final Optional<SyncProgress> progress;
  private final Clock clock;

  public SyncOutlook(SyncWindow window, Optional<Long> capBytesPerSecond, Optional<SyncProgress> progress, Clock clock) {
    this.window = window;
    this.capBytesPerSecond = capBytesPerSecond;
    this.progress = progress;
    this.clock = clock;
  }

  public boolean windowOpen() {
    return window.isOpen(clock.instant());
  }

  public boolean parentUnreachable() {
    return progress.map(SyncProgress::parentUnreachable).orElse(false);
  }

  /** The state to show, given the one recorded. */
  public String state(String recorded, String lastError) {
    return RepoStates.of(recorded, lastError, windowOpen(), parentUnreachable());
  }

  public RepoProgress progress(RepositoryName repository, long partialBytes) {
    Instant next = window.nextOpening(clock.instant()).orElse(null);
    Optional<SyncProgress.Snapshot> running = progress.flatMap(p -> p.of(repository));
    if (running.isEmpty()) {
      return new RepoProgress(partialBytes, -1, 0, null, next);
    }
    SyncProgress.Snapshot s = running.get();
    return new RepoProgress(s.done(), s.total(), s.bytesPerSecond(), eta(s), next);
  }

  /** Seconds for what is left of {@code s} at the cap, or uncapped at its rate; null when neither is known. */
  private Long eta(SyncProgress.Snapshot s) {
    double speed = capBytesPerSecond.map(Long::doubleValue).orElse(s.bytesPerSecond());
    long left = Math.max(0, s.total() - s.done());
    return left == 0 ? Long.valueOf(0) : speed > 0 ? Long.valueOf((long) Math.ceil(left / speed)) : null;
  }

  public SyncSummary summary() {
    Instant now = clock.instant();
    SyncProgress.Snapshot pass = progress.map(SyncProgress::pass).orElse(new SyncProgress.Snapshot(0, 0, 0));
    return new SyncSummary(window.isOpen(now), window.nextOpening(now).orElse(null), capBytesPerSecond.orElse(null),
        progress.flatMap(SyncProgress::lastPassDuration).map(d -> d.toMillis() / 1000.0).orElse(null),
        !parentUnreachable(), pass.done(), pass.total(), progress.isPresent() ? eta(pass) : null);
  }
}
