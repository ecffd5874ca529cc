package dev.outpost.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.json.Json;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site fed by bundles: each repository shows its last import instead of a sync state, and the watch folder. */
class ImportStatusTest {
  private static final RepositoryName APP = RepositoryName.of("team/app");
  private static final Instant IMPORTED = Instant.parse("2025-03-01T10:00:00Z");
  private static final RepoImport WAITING = new RepoImport(IMPORTED, "b1", List.of(2), 3, 1, List.of("2.0"), null);
  private static final ImportsStatus WATCH = new ImportsStatus("/mnt/usb", "watching", Duration.ofSeconds(10),
      IMPORTED.plusSeconds(5), 2, 1, "bundle b1 part 2/3, tags waiting for other parts", "importing [/mnt/usb/x.tar] failed: no space",
      IMPORTED.minusSeconds(60));

  @TempDir
  Path data;
  private LocalStore store;

  @BeforeEach
  void anImportedImage() {
    store = RocksLocalStore.open(data);
    new ImageImporter(store).importImage(APP, ImageBuilder.oci().layerFile("a", "a".getBytes(StandardCharsets.UTF_8))
        .build(), Tag.of("1.0"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aRepositoryFedByABundleShowsItsLastImportInsteadOfASyncState() {
    StatusReport report = collect(Map.of(APP.value(), WAITING));

    RepoStatus app = report.repositories().get(0);
    assertThat(app.state()).isEqualTo("waiting");
    assertThat(app.lastSuccess()).isEqualTo(IMPORTED);
    assertThat(app.tags()).isEqualTo(1);
    assertThat(app.lastImport()).isEqualTo(WAITING);
    assertThat(report.imports()).isEqualTo(WATCH);
  }

  @Test
  void theNewerOfTheLastSyncAndTheLastImportIsShown() {
    store.putSyncState(new RepoSyncState(APP, RepoSyncState.Status.SYNCED, Optional.of(IMPORTED.minusSeconds(1)),
        Optional.of(IMPORTED.minusSeconds(1)), Optional.empty(), 1, 10));
    assertThat(collect(Map.of(APP.value(), WAITING)).repositories().get(0).state()).isEqualTo("waiting");

    store.putSyncState(new RepoSyncState(APP, RepoSyncState.Status.SYNCED, Optional.of(IMPORTED.plusSeconds(1)),
        Optional.of(IMPORTED.plusSeconds(1)), Optional.empty(), 1, 10));
    RepoStatus synced = collect(Map.of(APP.value(), WAITING)).repositories().get(0);
    assertThat(synced.state()).isEqualTo("synced");
    assertThat(synced.lastImport()).isNull();
  }

  @Test
  void theTableSaysWhichBundleAndPartAndWhatWaitsAndShowsTheWatchFolder() {
    StringWriter text = new StringWriter();

    StatusRenderer.printTable(collect(Map.of(APP.value(), WAITING)), new PrintWriter(text, true));

    assertThat(text.toString())
        .containsPattern("team/app +waiting +2025-03-01 10:00:00Z +1 .*from bundle b1 part 2/3; waiting for other parts: 2.0")
        .contains("IMPORTS from /mnt/usb: watching every 10s, last poll 2025-03-01 10:00:05Z")
        .contains("PARTS IMPORTED 2 (1 with tags waiting for other parts)")
        .contains("LAST IMPORT bundle b1 part 2/3, tags waiting for other parts")
        .contains("LAST ERROR 2025-03-01 09:59:00Z importing [/mnt/usb/x.tar] failed: no space");
  }

  @Test
  void theReportSurvivesTheAdminApisJson() throws Exception {
    StatusReport report = collect(Map.of(APP.value(), WAITING));
    var json = Json.newMapper();

    assertThat(json.readValue(json.writeValueAsBytes(report), StatusReport.class)).isEqualTo(report);
  }

  private StatusReport collect(Map<String, RepoImport> imports) {
    return new StatusCollector(store).withImports(() -> imports, () -> WATCH).collect();
  }
}
