package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.imports.ImportHistory;
import dev.outpost.agent.bundles.BundleFiles;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.bundle.ImportReport;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A site with no link has no parent: asking it to sync says what it does instead. */
class ParentlessSiteTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sync --once", "sync --dry-run", "resync"})
  void syncCommandsSayTheSiteHasNoParentAndImportsBundles(String command) throws IOException {
    Path config = dir.resolve("site.yaml");
    Files.writeString(config, "storage: {path: \"" + dir.resolve("store") + "\"}\nimport: {watch: \"" + dir.resolve("usb")
        + "\"}\n");
    String[] args = (command + " --config " + config).split(" ");

    CliRun run = CliRun.of(args);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.stderr()).as(run.toString()).contains("site.yaml: this site has no parent", "does not sync",
        "outpost bundle import", "import.watch", "parent.url", "ACR_REGISTRY_CONNECTION_STRING");
    assertThat(dir.resolve("store")).doesNotExist();
  }

  @Test
  void statusOfASiteFedByBundlesShowsTheLastImportAndTheWatchFolder() throws Exception {
    Path store = dir.resolve("store");
    Path config = dir.resolve("site.yaml");
    Files.writeString(config, "storage: {path: \"" + store + "\"}\nimport: {watch: \"" + dir.resolve("usb") + "\"}\n");
    RepositoryName app = RepositoryName.of("team/app");
    try (LocalStore s = RocksLocalStore.open(store)) {
      new ImageImporter(s).importImage(app, ImageBuilder.oci().layerFile("a", new byte[] {1}).build(), Tag.of("1.0"));
    }
    ImportHistory.at(store).record(new ImportReport("b1", 2, new TreeSet<>(Set.of(1)), List.of(
        new ImportReport.RepositoryImport(app, 1, List.of(Tag.of("2.0")), Optional.empty())), List.of(), 10),
        Instant.parse("2025-03-01T10:00:00Z"));

    CliRun table = CliRun.of("status", "--config", config.toString());
    CliRun json = CliRun.of("status", "--json", "--config", config.toString());

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.stdout()).containsPattern("team/app +waiting +2025-03-01 10:00:00Z .*from bundle b1 part 1/2; "
        + "waiting for other parts: 2.0")
        .contains("IMPORTS from " + dir.resolve("usb") + ": not watched now ('outpost run' is not running)",
            "PARTS IMPORTED 0");
    JsonNode report = new ObjectMapper().readTree(json.stdout());
    assertThat(report.path("repositories").get(0).path("lastImport").path("waiting").toString()).isEqualTo("[\"2.0\"]");
    assertThat(report.path("imports").path("state").asText()).isEqualTo("not running");
  }

  @Test
  void aBundleImportedWithTheCliShowsInStatusAsTheRepositorysLastImport() throws Exception {
    Path config = dir.resolve("site.yaml");
    Files.writeString(config, "storage: {path: \"" + dir.resolve("store") + "\"}\n");
    Path bundle = BundleFiles.write(dir.resolve("bundle"), RepositoryName.of("team/app"), Tag.of("1.0"),
        ImageBuilder.oci().layerFile("a", new byte[] {2}).build(), 1);

    CliRun imported = CliRun.of("bundle", "import", bundle.toString(), "--config", config.toString());
    CliRun status = CliRun.of("status", "--config", config.toString());

    assertThat(imported.exitCode()).as(imported.toString()).isZero();
    assertThat(status.stdout()).as(status.toString()).containsPattern("team/app +imported .* 1 .*from bundle [0-9a-f-]+ part 1/1");
  }
}
