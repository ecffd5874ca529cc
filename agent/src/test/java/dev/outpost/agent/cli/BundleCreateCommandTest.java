package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.BundleManifest;
import dev.outpost.sync.bundle.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost bundle create} and {@code outpost inventory} as a user runs them, against real registries and real readers. */
class BundleCreateCommandTest {
  private static final Duration TOOL = Duration.ofMinutes(2);

  @TempDir
  Path dir;

  private final RandomImages images = new RandomImages(11);

  private Path config(String parentUrl, String repositories) throws IOException {
    Path config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: %s, chunkSizeMb: 1, platforms: ["linux/amd64"]}
        """.formatted(dir.resolve("store"), parentUrl, repositories));
    return config;
  }

  @Test
  void aBundleFromARealRegistryIsReadBySkopeoAndUmociWithTheParentsDigests() throws Exception {
    Skopeo skopeo = Skopeo.require();
    Path umoci = RealClients.require("umoci");
    Image app = images.ociImage(200_000, 50_000);
    Index multi = images.multiArchIndex(80_000);
    try (DockerRegistryProcess registry = DockerRegistryProcess.start(dir.resolve("registry"))) {
      skopeo.push(app, registry.hostPort(), "team/app", "1.0");
      skopeo.push(multi, registry.hostPort(), "team/multi", "2.0");
      Path config = config(registry.url(), "[\"team/*\"]");

      CliRun dirRun = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--output",
          dir.resolve("bundle").toString());
      CliRun tarRun = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--output",
          dir.resolve("bundle.tar").toString());

      assertThat(dirRun.exitCode()).as(dirRun.toString()).isZero();
      assertThat(dirRun.stdout()).contains("1 part, 2 tags");
      assertThat(tarRun.exitCode()).as(tarRun.toString()).isZero();
      for (String ref : List.of("oci:" + dir.resolve("bundle") + ":team/app:1.0",
          "oci-archive:" + dir.resolve("bundle.tar") + ":team/app:1.0")) {
        byte[] raw = skopeo.run("inspect", "--raw", ref).orThrow().stdout().getBytes(StandardCharsets.UTF_8);
        assertThat(Digest.sha256(raw)).as(ref).isEqualTo(app.digest())
            .isEqualTo(Digest.sha256(skopeo.inspectRaw(registry.hostPort(), "team/app", "1.0")));
      }
      byte[] index = skopeo.run("inspect", "--raw", "oci:" + dir.resolve("bundle") + ":team/multi:2.0").orThrow().stdout()
          .getBytes(StandardCharsets.UTF_8);
      assertThat(Digest.sha256(index)).isEqualTo(multi.digest());
      skopeo.run("--insecure-policy", "copy", "oci:" + dir.resolve("bundle") + ":team/multi:2.0",
          "dir:" + dir.resolve("copied")).orThrow(); // the amd64 image, whole and verified by skopeo
      skopeo.run("--insecure-policy", "copy", "--dest-tls-verify=false", "--preserve-digests",
          "oci:" + dir.resolve("bundle") + ":team/app:1.0", "docker://" + registry.hostPort() + "/copy/app:1.0").orThrow();
      assertThat(Digest.sha256(skopeo.inspectRaw(registry.hostPort(), "copy/app", "1.0"))).isEqualTo(app.digest());
    }
    String listed = ToolRun.run(TOOL, List.of(umoci.toString(), "ls", "--layout", dir.resolve("bundle").toString()))
        .orThrow().stdout();
    assertThat(listed.lines().toList()).contains("team/app:1.0", "team/multi:2.0");
    ToolRun.run(TOOL, List.of(umoci.toString(), "unpack", "--rootless", "--image", dir.resolve("bundle") + ":team/app:1.0",
        dir.resolve("unpacked").toString())).orThrow();
    assertThat(dir.resolve("unpacked/rootfs")).isDirectory();
  }

  @Test
  void aDeltaAgainstTheSitesInventoryCarriesOnlyWhatTheSiteLacks() throws Exception {
    Image held = images.ociImage(300_000);
    Image missing = images.ociImage(500_000, 100_000);
    try (ParentRegistryFixture parent = ParentRegistryFixture.start().push("team/app", "1.0", held)) {
      // The site synced team/app:1.0 and writes its inventory.
      Path config = config(parent.url(), "[\"team/*\"]");
      assertThat(CliRun.of("sync", "--once", "--config", config.toString()).exitCode()).isZero();
      CliRun inventory = CliRun.of("inventory", "--config", config.toString(), "--output", dir.resolve("site.json.gz").toString());
      assertThat(inventory.exitCode()).as(inventory.toString()).isZero();
      assertThat(inventory.stdout()).contains("1 repositories, 1 tags, 1 manifests, 2 blobs");
      byte[] file = Files.readAllBytes(dir.resolve("site.json.gz"));
      assertThat(file[0] & 0xff).isEqualTo(0x1f); // gzip
      Inventory site = BundleJson.readInventory(file, "site.json.gz");
      assertThat(site.repositories().get(RepositoryName.of("team/app")).tags()).containsEntry(Tag.of("1.0"), held.digest());

      // Upstream, a new image arrives; the delta carries it and nothing of the held one.
      parent.push("team/app", "2.0", missing);
      CliRun create = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--since",
          dir.resolve("site.json.gz").toString(), "--output", dir.resolve("delta").toString());

      assertThat(create.exitCode()).as(create.toString()).isZero();
      BundleManifest m = BundleJson.readManifest(Files.readAllBytes(dir.resolve("delta").resolve(BundleManifest.FILE_NAME)), "delta");
      Set<Digest> expected = new HashSet<>(missing.blobs().keySet());
      expected.add(missing.digest());
      assertThat(m.content().keySet()).containsExactlyInAnyOrderElementsOf(expected);
      long heldBytes = held.manifest().size() + held.blobs().values().stream().mapToLong(b -> b.length).sum();
      long missingBytes = missing.manifest().size() + missing.blobs().values().stream().mapToLong(b -> b.length).sum();
      assertThat(create.stdout()).contains("2 tags, 4 items (" + missingBytes + " bytes) carried",
          "skipped by the delta (the site holds them): 3 items, " + heldBytes + " bytes");
      assertThat(m.since().orElseThrow().digest()).isEqualTo(Digest.sha256(file));
      assertThat(m.repositories().get(RepositoryName.of("team/app")).tags()).containsKeys(Tag.of("1.0"), Tag.of("2.0"));
    }
  }

  @Test
  void maxPartSizeSplitsIntoPartsAndSizesReadAsTheIssueWritesThem() throws Exception {
    try (ParentRegistryFixture parent = ParentRegistryFixture.start().push("team/a", "1", images.ociImage(700_000))
        .push("team/b", "1", images.ociImage(700_000)).push("team/c", "1", images.ociImage(700_000))) {
      Path config = config(parent.url(), "[\"team/*\"]");

      CliRun create = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--max-part-size",
          "1MiB", "--output", dir.resolve("parts.tar").toString());

      assertThat(create.exitCode()).as(create.toString()).isZero();
      assertThat(create.stdout()).contains("3 parts");
      for (int n = 1; n <= 3; n++) {
        Path part = dir.resolve("parts.part-" + n + "-of-3.tar");
        assertThat(Files.size(part)).isLessThanOrEqualTo(1024 * 1024);
      }
      assertThat(dir.resolve("parts.tar")).doesNotExist();
    }
  }

  @Test
  void clearErrorsWithTheirExitCodes() throws Exception {
    Path config = config("http://127.0.0.1:9", "[\"team/*\"]");

    CliRun noSource = CliRun.of("bundle", "create", "--config", config.toString(), "--output", dir.resolve("b").toString());
    CliRun noInventory = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--since",
        dir.resolve("nope.json").toString(), "--output", dir.resolve("b").toString());
    CliRun badSize = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--max-part-size",
        "lots", "--output", dir.resolve("b").toString());
    CliRun unreachable = CliRun.of("bundle", "create", "--from-parent", "--config", config.toString(), "--output",
        dir.resolve("b").toString());
    CliRun busy;
    CliRun inventoryBusy;
    try (LocalStore held = RocksLocalStore.open(dir.resolve("store"))) {
      busy = CliRun.of("bundle", "create", "--from-store", "--config", config.toString(), "--output", dir.resolve("b").toString());
      inventoryBusy = CliRun.of("inventory", "--config", config.toString(), "--output", dir.resolve("i.json").toString());
    }

    assertThat(noSource.exitCode()).as(noSource.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noInventory.exitCode()).as(noInventory.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noInventory.stderr()).contains("--since", "nope.json", "no such file");
    assertThat(badSize.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSize.stderr()).contains("--max-part-size", "'lots'");
    assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCodes.PARENT_UNREACHABLE);
    assertThat(busy.exitCode()).as(busy.toString()).isEqualTo(ExitCodes.STORE_BUSY);
    assertThat(inventoryBusy.exitCode()).as(inventoryBusy.toString()).isEqualTo(ExitCodes.STORE_BUSY);
    assertThat(inventoryBusy.stderr()).contains("in use by another Outpost process, and no running Outpost answers");
  }
}
