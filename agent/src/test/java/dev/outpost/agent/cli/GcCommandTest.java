package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost gc [--dry-run]} on the store directly and through a running Outpost. */
class GcCommandTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");

  @TempDir
  Path dir;

  private Path config;
  private Image kept;
  private Image dropped;

  @BeforeEach
  void seed() throws Exception {
    config = dir.resolve("outpost.yaml");
    // No grace period: everything committed before the command runs is old enough to go.
    Files.writeString(config, """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        store: {gc: {grace: PT0S}}
        """.formatted(dir.resolve("store")));
    kept = ImageBuilder.oci().randomLayer(1, 4000).build();
    dropped = ImageBuilder.oci().randomLayer(2, 6000).randomLayer(3, 100).build();
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      ImageImporter importer = new ImageImporter(store);
      importer.importImage(REPO, kept, Tag.of("v1"));
      importer.importImage(REPO, dropped, Tag.of("v2"));
      store.removeTag(REPO, Tag.of("v2"));
    }
  }

  @Test
  void aDryRunPrintsExactlyWhatTheRealRunThenRemoves() {
    CliRun dry = CliRun.of("gc", "--dry-run", "--config", config.toString());
    CliRun real = CliRun.of("gc", "--config", config.toString());
    CliRun again = CliRun.of("gc", "--config", config.toString());

    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(real.exitCode()).as(real.toString()).isZero();
    List<String> wouldRemove = removals(dry.stdout()).stream().map(l -> l.replace("would remove ", "removed ")).toList();
    assertThat(wouldRemove).hasSize(1 + 3).isEqualTo(removals(real.stdout()));
    assertThat(real.stdout()).contains("removed manifest " + REPO + "@" + dropped.manifest().digest());
    assertThat(real.stdout()).containsPattern("garbage collection removed 1 manifests, 3 blobs, 0 partial downloads: \\d+ bytes freed");
    assertThat(again.stdout()).contains("removed 0 manifests, 0 blobs");
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      assertThat(store.resolveTag(REPO, Tag.of("v1"))).contains(kept.manifest().digest());
      kept.blobs().keySet().forEach(blob -> assertThat(store.stat(blob)).isPresent());
      dropped.blobs().keySet().stream().filter(b -> !kept.blobs().containsKey(b))
          .forEach(blob -> assertThat(store.stat(blob)).isEmpty());
    }
  }

  @Test
  void whileOutpostRunsGcGoesThroughTheAdminApi() throws Exception {
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      CliRun dry = CliRun.of("gc", "--dry-run", "--config", config.toString());
      CliRun real = CliRun.of("gc", "--config", config.toString());

      assertThat(dry.exitCode()).as(dry.toString()).isZero();
      assertThat(dry.stdout()).contains("would remove manifest " + REPO + "@" + dropped.manifest().digest());
      assertThat(real.exitCode()).as(real.toString()).isZero();
      assertThat(real.stdout()).contains("garbage collection removed 1 manifests, 3 blobs");
    }
  }

  private static List<String> removals(String stdout) {
    return stdout.lines().filter(l -> l.startsWith("removed ") || l.startsWith("would remove ")).toList();
  }
}
