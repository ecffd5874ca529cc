package dev.outpost.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.MutableClock;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.ParentFailure;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncChanges;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.schedule.SyncWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** States and ETA under an injected clock, with a window open 22:00-02:00 UTC, over a real store. */
class SyncOutlookTest {
  private static final RepositoryName REPO = RepositoryName.of("team/app");
  private static final Digest BLOB = Digest.sha256(new byte[] {1});
  private static final Instant IN_WINDOW = Instant.parse("2026-12-01T23:00:00Z");
  private static final Instant OUTSIDE = Instant.parse("2026-12-01T12:00:00Z");
  private static final SyncWindow NIGHTLY = new SyncWindow("0 22 * * *", Duration.ofHours(4));

  @TempDir
  Path data;

  private LocalStore store;
  private final MutableClock clock = new MutableClock(IN_WINDOW);
  private final SyncProgress progress = new SyncProgress(clock);

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(data);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anUnreachableParentOutsideTheWindowIsWaitingForItNotFailed() {
    clock.set(OUTSIDE);
    record(RepoSyncState.Status.FAILED, "cannot reach the parent https://p.example: connect timed out");
    progress.passStarted();
    progress.passFinished(SyncReport.parentFailed(new ParentFailure(ParentFailure.Kind.UNREACHABLE, "cannot reach")));

    RepoStatus status = collect(Optional.empty());

    assertThat(status.state()).isEqualTo("waiting for window");
    assertThat(status.progress().nextWindowOpening()).isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
  }

  @Test
  void anUnreachableParentInsideTheWindowIsOfflineNotFailed() {
    record(RepoSyncState.Status.FAILED, "cannot reach the parent https://p.example: connection refused");

    assertThat(collect(Optional.empty()).state()).isEqualTo("offline");
  }

  @Test
  void aRepositoryThatFailedForItsOwnReasonStaysFailed() {
    record(RepoSyncState.Status.FAILED, "manifest sha256:... failed verification");

    assertThat(collect(Optional.empty()).state()).isEqualTo("failed");
  }

  @Test
  void aPassStoppedAtTheWindowsEndIsPausedAndANeverStartedOneIsWaiting() {
    record(RepoSyncState.Status.PENDING, "stopped before finishing (window end or shutdown)");
    clock.set(OUTSIDE);
    assertThat(collect(Optional.empty()).state()).isEqualTo("paused: window closed");

    record(RepoSyncState.Status.PENDING, null);
    assertThat(collect(Optional.empty()).state()).isEqualTo("waiting for window");
  }

  @Test
  void etaIsTheBytesLeftAtTheCapWhenOneIsSet() {
    record(RepoSyncState.Status.SYNCING, null);
    progress.passStarted();
    progress.repositoryStarted(REPO);
    progress.blobStarted(REPO, BLOB, 10_000_000, 2_000_000); // 2 MB durable from an earlier window
    clock.advance(Duration.ofSeconds(4));
    progress.bytesProgressed(BLOB, 4_000_000);

    RepoStatus status = collect(Optional.of(1_000_000L));

    assertThat(status.state()).isEqualTo("syncing");
    assertThat(status.progress().bytesDone()).isEqualTo(6_000_000);
    assertThat(status.progress().bytesTotal()).isEqualTo(10_000_000);
    assertThat(status.progress().bytesPerSecond()).isEqualTo(1_000_000.0); // 4 MB in 4 s
    assertThat(status.progress().etaSeconds()).isEqualTo(4); // 4 MB left at 1 MB/s
  }

  @Test
  void thePassEtaIsEveryRepositorysBytesLeftAtTheOneCap() {
    RepositoryName other = RepositoryName.of("team/db");
    Digest otherBlob = Digest.sha256(new byte[] {2});
    progress.passStarted();
    progress.repositoryStarted(REPO);
    progress.repositoryStarted(other);
    progress.blobStarted(REPO, BLOB, 5_000_000, 0);
    progress.blobStarted(other, otherBlob, 7_000_000, 1_000_000);
    clock.advance(Duration.ofSeconds(2));
    progress.bytesProgressed(BLOB, 1_000_000);
    progress.bytesProgressed(otherBlob, 1_000_000);

    SyncSummary summary = new SyncOutlook(NIGHTLY, Optional.of(500_000L), Optional.of(progress), clock).summary();

    assertThat(summary.passBytesDone()).isEqualTo(3_000_000);
    assertThat(summary.passBytesTotal()).isEqualTo(12_000_000);
    assertThat(summary.passEtaSeconds()).isEqualTo(18); // 9 MB left at 0.5 MB/s for all of sync
  }

  @Test
  void blobsNeededButNotBegunCountAndABlobTwoRepositoriesNeedCountsOnceInThePass() {
    RepositoryName other = RepositoryName.of("team/db");
    Digest base = Digest.sha256(new byte[] {3});
    progress.passStarted();
    progress.repositoryStarted(REPO);
    progress.repositoryStarted(other);
    progress.blobNeeded(REPO, base, 6_000_000, 0);
    progress.blobNeeded(REPO, BLOB, 4_000_000, 1_000_000);
    progress.blobNeeded(other, base, 6_000_000, 0);
    progress.blobStarted(REPO, base, 6_000_000, 0);
    clock.advance(Duration.ofSeconds(1));
    progress.bytesProgressed(base, 2_000_000);

    SyncOutlook outlook = new SyncOutlook(NIGHTLY, Optional.of(1_000_000L), Optional.of(progress), clock);

    assertThat(outlook.progress(REPO, 0)).satisfies(p -> {
      assertThat(p.bytesTotal()).isEqualTo(10_000_000);
      assertThat(p.bytesDone()).isEqualTo(3_000_000);
      assertThat(p.etaSeconds()).isEqualTo(7);
    });
    assertThat(outlook.progress(other, 0).bytesDone()).as("the shared blob's bytes count for both").isEqualTo(2_000_000);
    assertThat(outlook.summary().passBytesTotal()).isEqualTo(10_000_000);
    assertThat(outlook.summary().passEtaSeconds()).isEqualTo(7);
  }

  @Test
  void uncappedTheEtaUsesTheRateOfTheLastTenSeconds() {
    record(RepoSyncState.Status.SYNCING, null);
    progress.passStarted();
    progress.repositoryStarted(REPO);
    progress.blobStarted(REPO, BLOB, 100_000_000, 0);
    for (int i = 0; i < 30; i++) { // 1 MB/s for 30 s
      clock.advance(Duration.ofSeconds(1));
      progress.bytesProgressed(BLOB, 1_000_000);
    }
    for (int i = 0; i < 10; i++) { // then 4 MB/s for 10 s
      clock.advance(Duration.ofSeconds(1));
      progress.bytesProgressed(BLOB, 4_000_000);
    }

    RepoStatus status = collect(Optional.empty());

    assertThat(status.progress().bytesPerSecond()).isEqualTo(4_000_000.0);
    assertThat(status.progress().etaSeconds()).isEqualTo((100_000_000 - 70_000_000) / 4_000_000 + 1);
  }

  @Test
  void theSummaryHasTheWindowTheCapAndTheLastPassDuration() {
    progress.passStarted();
    clock.advance(Duration.ofMinutes(7));
    progress.passFinished(new SyncReport(List.of(RepoResult.ok(REPO, 1)), Optional.empty(), Optional.empty(),
        SyncChanges.NONE));

    SyncSummary summary = new SyncOutlook(NIGHTLY, Optional.of(250_000L), Optional.of(progress), clock).summary();

    assertThat(summary.windowOpen()).isTrue();
    assertThat(summary.bandwidthLimitBytesPerSecond()).isEqualTo(250_000L);
    assertThat(summary.lastPassSeconds()).isEqualTo(420.0);
    assertThat(summary.parentReachable()).isTrue();
  }

  private void record(RepoSyncState.Status status, String error) {
    store.putSyncState(new RepoSyncState(REPO, status, Optional.of(clock.instant()), Optional.empty(),
        Optional.ofNullable(error), 1, 0));
  }

  private RepoStatus collect(Optional<Long> cap) {
    SyncOutlook outlook = new SyncOutlook(NIGHTLY, cap, Optional.of(progress), clock);
    return new StatusCollector(store, REPO::equals).withSync(outlook).collect().repositories().get(0);
  }
}
