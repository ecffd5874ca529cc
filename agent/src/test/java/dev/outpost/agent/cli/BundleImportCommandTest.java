package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.bundles.BundleFiles;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost bundle import} on the store directly and through a running Outpost. */
class BundleImportCommandTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");

  @TempDir
  Path dir;

  private Path config;
  private final Image image = new RandomImages(5).ociImage(50_000, 200);

  @BeforeEach
  void site() throws IOException {
    config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(dir.resolve("store")));
  }

  private Path bundle(String name, int parts) throws IOException {
    return BundleFiles.write(dir.resolve(name), REPO, Tag.of("v1"), image, parts);
  }

  private Optional<Digest> tag() {
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      return store.resolveTag(REPO, Tag.of("v1"));
    }
  }

  @Test
  void importsABundleAndSaysSoWhenASecondImportChangesNothing() throws IOException {
    Path bundle = bundle("one", 1);

    CliRun first = CliRun.of("bundle", "import", bundle.toString(), "--config", config.toString());
    CliRun second = CliRun.of("bundle", "import", bundle.toString(), "--config", config.toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.stdout()).contains("library/hello: 1 tag(s) visible, imported v1").contains("the bundle is complete");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout()).contains("imported none").contains("nothing changed");
    assertThat(tag()).contains(image.digest());
  }

  @Test
  void aTagWaitingForAnotherPartExitsOneAndNamesIt() throws IOException {
    Path bundle = bundle("two", 2);

    CliRun partOne = CliRun.of("bundle", "import", bundle.resolve("part-1-of-2").toString(), "--config", config.toString());
    CliRun partTwo = CliRun.of("bundle", "import", bundle.resolve("part-2-of-2").toString(), "--config", config.toString());

    assertThat(partOne.exitCode()).as(partOne.toString()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(partOne.stdout()).contains("waiting for other parts v1");
    assertThat(partTwo.exitCode()).as(partTwo.toString()).isZero();
    assertThat(tag()).contains(image.digest());
  }

  @Test
  void anIncompletePartIsRefusedWithItsOwnExitCode() throws IOException {
    Path part = bundle("cut", 1);
    Files.delete(part.resolve(BundleManifest.FILE_NAME));

    CliRun run = CliRun.of("bundle", "import", part.toString(), "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BUNDLE_REFUSED);
    assertThat(run.stderr()).contains("no outpost-bundle.json").contains(part.toString());
  }

  @Test
  void whileOutpostRunsTheImportGoesThroughTheAdminApi() throws Exception {
    Path bundle = bundle("admin", 1);
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      CliRun run = CliRun.of("bundle", "import", bundle.toString(), "--json", "--config", config.toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdout()).contains("\"complete\":true").contains("\"imported\":[\"v1\"]");
    }
    assertThat(tag()).contains(image.digest());
  }

  @Test
  void anIncompletePartIsRefusedWithItsOwnExitCodeThroughTheAdminApiToo() throws Exception {
    Path part = bundle("cut-admin", 1);
    Files.delete(part.resolve(BundleManifest.FILE_NAME));
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      CliRun run = CliRun.of("bundle", "import", part.toString(), "--config", config.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.BUNDLE_REFUSED);
      assertThat(run.stderr()).contains("no outpost-bundle.json").contains(part.toString());
    }
  }
}
