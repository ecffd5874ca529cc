package dev.outpost.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "syncing" only while a process syncs; a record left by a dead process is "interrupted", with its partial bytes. */
class StatusCollectorTest {
  private static final RepositoryName REPO = RepositoryName.of("team/app");

  @TempDir
  Path data;

  private LocalStore store;

  @BeforeEach
  void aPassDiedMidTransfer() {
    store = RocksLocalStore.open(data);
    store.putSyncState(new RepoSyncState(REPO, RepoSyncState.Status.SYNCING, Optional.of(Instant.EPOCH),
        Optional.empty(), Optional.empty(), 0, 0));
    byte[] blob = new byte[5000];
    try (BlobIngest ingest = store.openIngest(Digest.sha256(blob), blob.length, "parent:" + REPO)) {
      ingest.write(blob, 0, 3000);
      ingest.checkpoint();
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aSyncingRecordNoProcessIsSyncingIsInterruptedWithTheDurableBytes() {
    RepoStatus status = new StatusCollector(store).collect().repositories().get(0);

    assertThat(status.state()).isEqualTo("interrupted");
    assertThat(status.partialBytes()).isEqualTo(3000);
  }

  @Test
  void aRepositoryThisProcessIsSyncingIsSyncing() {
    RepoStatus status = new StatusCollector(store, REPO::equals).collect().repositories().get(0);

    assertThat(status.state()).isEqualTo("syncing");
  }

  @Test
  void rulesThatCouldNotBeExpandedAreShownWithTheReason() {
    String reason = "could not expand [apps/*] through the catalog: Tried to list the repositories through ACR's "
        + "/acr/v1/_catalog at https://r.azurecr.io: HTTP 403 …";
    StatusReport report = new StatusCollector(store, r -> false, Optional.empty(), java.util.List::of,
        () -> Optional.of(reason)).collect();

    java.io.StringWriter table = new java.io.StringWriter();
    StatusRenderer.printTable(report, new java.io.PrintWriter(table, true));

    assertThat(report.selection()).isEqualTo(reason);
    assertThat(table.toString()).contains("Selection incomplete: " + reason);
  }
}
