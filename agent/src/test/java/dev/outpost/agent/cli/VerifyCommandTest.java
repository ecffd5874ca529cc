package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost verify [--repair]}: a flipped byte, a truncated file, a deleted file and an orphan
 * are each reported; repair quarantines them and drops what depends on them; the next sync brings
 * everything back and verify is clean. Also through a running Outpost's admin API.
 */
class VerifyCommandTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");
  private final ParentRegistryFixture parent = ParentRegistryFixture.start();
  private final RandomImages images = new RandomImages(11);
  private final Image[] tagged = {images.ociImage(70_000), images.ociImage(80_000), images.ociImage(90_000), images.ociImage(1000)};

  @TempDir
  Path dir;
  private Path config;
  private Path store;

  @BeforeEach
  void syncFromParent() throws Exception {
    for (int i = 0; i < tagged.length; i++) {
      parent.push(REPO.value(), "v" + (i + 1), tagged[i]);
    }
    store = dir.resolve("store");
    config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: ["library/hello"], chunkSizeMb: 1}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(store, parent.url()));
    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());
    assertThat(sync.exitCode()).as(sync.toString()).isZero();
  }

  @AfterEach
  void stopParent() {
    parent.close();
  }

  private Path layerFile(Image image) {
    Path file = store.resolve("blobs/sha256").resolve(layer(image).hex().substring(0, 2)).resolve(layer(image).hex());
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return file;
  }

  private static Digest layer(Image image) {
    return Digest.sha256(image.layers().get(0));
  }

  @Test
  void reportsEachFaultRepairsAndTheNextSyncRestores() throws Exception {
    assertThat(CliRun.of("verify", "--config", config.toString()).exitCode()).isZero();
    byte[] flipped = Files.readAllBytes(layerFile(tagged[0]));
    flipped[flipped.length / 2] ^= 1;
    Files.write(layerFile(tagged[0]), flipped);
    try (var channel = Files.newByteChannel(layerFile(tagged[1]), StandardOpenOption.WRITE)) {
      channel.truncate(1000);
    }
    Files.delete(layerFile(tagged[2]));
    Path orphan = store.resolve("blobs/sha256/ab/ab" + "0".repeat(62));
    Files.createDirectories(orphan.getParent());
    Files.writeString(orphan, "left behind");

    CliRun report = CliRun.of("verify", "--config", config.toString());

    assertThat(report.exitCode()).as(report.toString()).isEqualTo(ExitCodes.FAULTS_FOUND);
    assertThat(report.stdout())
        .contains("corrupt: " + layer(tagged[0]))
        .contains("wrong size: " + layer(tagged[1]))
        .contains("missing: " + layer(tagged[2]))
        .contains("orphaned file: " + orphan)
        .doesNotContain(layer(tagged[3]).toString())
        .contains("4 fault(s)");

    CliRun repair = CliRun.of("verify", "--repair", "--config", config.toString());

    assertThat(repair.exitCode()).as(repair.toString()).isEqualTo(ExitCodes.FAULTS_FOUND);
    assertThat(repair.stdout()).contains("[repaired]").doesNotContain("fault(s), repaired (0");
    assertThat(store.resolve("quarantine")).isDirectoryContaining(p -> p.getFileName().toString().equals("sha256-" + layer(tagged[0]).hex()));
    assertThat(orphan).doesNotExist();
    try (LocalStore opened = RocksLocalStore.open(store)) {
      assertThat(opened.resolveTag(REPO, Tag.of("v1"))).isEmpty();
      assertThat(opened.resolveTag(REPO, Tag.of("v4"))).contains(tagged[3].digest());
      assertThat(opened.stat(layer(tagged[3]))).isPresent();
    }
    CliRun afterRepair = CliRun.of("verify", "--config", config.toString());
    assertThat(afterRepair.exitCode()).as(afterRepair.toString()).isZero();

    CliRun resync = CliRun.of("sync", "--once", "--config", config.toString());
    CliRun clean = CliRun.of("verify", "--config", config.toString());

    assertThat(resync.exitCode()).as(resync.toString()).isZero();
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.stdout()).contains("verified 8 blobs").contains("4 tags: no faults");
    try (LocalStore opened = RocksLocalStore.open(store)) {
      for (int i = 0; i < tagged.length; i++) {
        assertThat(opened.resolveTag(REPO, Tag.of("v" + (i + 1)))).contains(tagged[i].digest());
        assertThat(Digest.sha256(Files.readAllBytes(opened.blobPath(layer(tagged[i]))))).isEqualTo(layer(tagged[i]));
      }
    }
  }

  @Test
  void whileOutpostRunsVerifyGoesThroughTheAdminApi() throws Exception {
    Files.delete(layerFile(tagged[2]));
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      CliRun report = CliRun.of("verify", "--config", config.toString());
      CliRun repair = CliRun.of("verify", "--repair", "--config", config.toString());

      assertThat(report.exitCode()).as(report.toString()).isEqualTo(ExitCodes.FAULTS_FOUND);
      assertThat(report.stdout()).contains("missing: " + layer(tagged[2]));
      assertThat(repair.stdout()).contains("missing: " + layer(tagged[2])).contains("[repaired]");
    }
  }
}
