package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.status.SyncOutlook;
import dev.outpost.agent.status.SyncProgress;
import dev.outpost.fixtures.MutableClock;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.schedule.SyncWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pass's remaining bytes and ETA as metrics: the status figures, blobs needed but not begun included. */
class PassMetricsTest {
  private static final RepositoryName REPO = RepositoryName.of("team/app");

  @TempDir
  Path data;

  @Test
  void theRemainingBytesAndTheEtaCoverBlobsNeededButNotBegun() {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T23:00:00Z"));
    SyncWindow window = new SyncWindow("0 22 * * *", Duration.ofHours(4));
    SyncProgress progress = new SyncProgress(clock);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (LocalStore store = RocksLocalStore.open(data)) {
      new SyncMetrics(store, meters, clock, window, Optional.of(500_000L),
          new SyncOutlook(window, Optional.of(500_000L), Optional.of(progress), clock));
      progress.passStarted();
      progress.repositoryStarted(REPO);
      progress.blobNeeded(REPO, Digest.sha256(new byte[] {1}), 3_000_000, 1_000_000);
      progress.blobNeeded(REPO, Digest.sha256(new byte[] {2}), 4_000_000, 0);

      assertThat(meters.get(SyncMetrics.PASS_REMAINING).gauge().value()).isEqualTo(6_000_000.0);
      assertThat(meters.get(SyncMetrics.PASS_ETA).gauge().value()).isEqualTo(12.0); // 6 MB at 0.5 MB/s
    }
  }
}
