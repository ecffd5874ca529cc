package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air gap with real software on both sides: Debian's {@code docker-registry} as the connected
 * side's parent, {@code outpost bundle create --from-parent} into an OCI layout (read by skopeo and
 * umoci as it is), {@code outpost bundle import} into an empty store with no parent, and skopeo
 * pulling through that site's endpoint the parent's exact bytes. Then the way back: the site's
 * inventory, a delta bundle carrying only what changed, and parts imported out of order. Every
 * outpost command runs as its own process of the built jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundleRoundTripIT {
  private Path work;
  private Skopeo skopeo;
  private DockerRegistryProcess parent;
  private Path upstream;
  private Image hello;
  private Image legacy;
  private Index multi;
  private Image big;

  @BeforeAll
  void seedParent(@TempDir Path workDir) throws Exception {
    work = workDir;
    skopeo = Skopeo.require();
    parent = DockerRegistryProcess.start(work.resolve("parent"));
    RandomImages images = new RandomImages(8);
    hello = images.ociImage(1024, 64 * 1024);
    legacy = images.dockerImage(32 * 1024);
    multi = images.multiArchIndex(128 * 1024);
    big = images.ociImage(8 * 1024 * 1024, 2 * 1024 * 1024);
    skopeo.push(hello, parent.hostPort(), "library/hello", "1.0");
    skopeo.push(legacy, parent.hostPort(), "team/legacy", "1.0");
    skopeo.push(multi, parent.hostPort(), "team/multi", "1.0");
    skopeo.push(big, parent.hostPort(), "team/big", "1.0");
    skopeo.push(images.ociImage(2048), parent.hostPort(), "other/unselected", "1.0");
    upstream = Files.writeString(work.resolve("upstream.yaml"), """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: ["team/*", "library/hello"]}
        """.formatted(work.resolve("upstream-store"), parent.url()));
  }

  @AfterAll
  void stopParent() throws Exception {
    if (parent != null) {
      parent.close();
    }
  }

  private Path siteConfig(String name) throws IOException {
    return Files.writeString(work.resolve(name + ".yaml"), """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(work.resolve(name + "-store")));
  }

  private OutpostProcess.Result outpost(String... args) throws Exception {
    OutpostProcess.Result result = OutpostProcess.exec(work, null, args);
    assertThat(result.exitCode()).as("outpost " + String.join(" ", args) + "\n" + result.stdout() + result.stderr())
        .isZero();
    return result;
  }

  @Test
  void aBundleFromTheParentIsAnOciLayoutThatAnEmptySiteImportsAndServesByteForByte() throws Exception {
    Path bundle = work.resolve("full-bundle");
    outpost("bundle", "create", "--from-parent", "--config", upstream.toString(), "--output", bundle.toString());

    // The bundle is a plain OCI layout: skopeo and umoci read it as it is.
    ToolRun.Result fromLayout = skopeo.run("copy", "--preserve-digests", "oci:" + bundle + ":library/hello:1.0",
        "dir:" + work.resolve("hello-from-layout"));
    assertThat(fromLayout.exitCode()).as(fromLayout.stderr()).isZero();
    assertThat(Digest.sha256(Files.readAllBytes(work.resolve("hello-from-layout/manifest.json")))).isEqualTo(hello.digest());
    Path umoci = RealClients.require("umoci");
    ToolRun.Result tags = ToolRun.run(Duration.ofMinutes(2), List.of(umoci.toString(), "ls", "--layout", bundle.toString()));
    assertThat(tags.exitCode()).as(tags.stderr()).isZero();
    assertThat(tags.stdout()).contains("library/hello:1.0", "team/legacy:1.0", "team/big:1.0");
    ToolRun.Result unpacked = ToolRun.run(Duration.ofMinutes(2), List.of(umoci.toString(), "unpack", "--rootless",
        "--image", bundle + ":library/hello:1.0", work.resolve("hello-unpacked").toString()));
    assertThat(unpacked.exitCode()).as(unpacked.stderr()).isZero();

    Path site = siteConfig("site");
    outpost("bundle", "import", "--config", site.toString(), bundle.toString());
    try (OutpostProcess serving = OutpostProcess.startRun(work, site)) {
      String edge = "127.0.0.1:" + serving.registryPort();
      String password = createToken(site, "ship", "team/*", "library/hello");
      Skopeo ship = skopeo.withCredentials("ship", password);
      assertThat(Digest.sha256(ship.inspectRaw(edge, "library/hello", "1.0"))).isEqualTo(hello.digest());
      assertThat(Digest.sha256(ship.inspectRaw(edge, "team/legacy", "1.0"))).isEqualTo(legacy.digest());
      assertThat(Digest.sha256(ship.inspectRaw(edge, "team/multi", "1.0"))).isEqualTo(multi.digest());
      Path layout = work.resolve("big-through-site");
      ToolRun.Result pulled = skopeo.run("copy", "--src-tls-verify=false", "--preserve-digests",
          "--src-creds=ship:" + password, "docker://" + edge + "/team/big:1.0", "oci:" + layout + ":1.0");
      assertThat(pulled.exitCode()).as(pulled.stderr()).isZero();
      for (Digest blob : big.blobs().keySet()) {
        assertThat(Digest.sha256(Files.readAllBytes(layout.resolve("blobs/sha256").resolve(blob.hex())))).isEqualTo(blob);
      }
    }
    OutpostProcess.Result again = outpost("bundle", "import", "--config", site.toString(), bundle.toString());
    assertThat(again.stdout() + again.stderr()).as("a second import of the same bundle").doesNotContain("refused");
  }

  @Test
  void theSitesInventoryMakesADeltaOfOnlyWhatChangedAndImportingItMakesTheSiteEqualToTheParent() throws Exception {
    Path site = siteConfig("delta-site");
    Path full = work.resolve("base-bundle");
    outpost("bundle", "create", "--from-parent", "--config", upstream.toString(), "--output", full.toString());
    outpost("bundle", "import", "--config", site.toString(), full.toString());

    Image changed = new RandomImages(99).ociImage(3 * 1024 * 1024);
    skopeo.push(changed, parent.hostPort(), "library/hello", "2.0");
    Path inventory = work.resolve("site-inventory.json");
    outpost("inventory", "--config", site.toString(), "--output", inventory.toString());
    Path delta = work.resolve("delta-bundle");
    outpost("bundle", "create", "--from-parent", "--config", upstream.toString(), "--since", inventory.toString(),
        "--output", delta.toString());

    // Only the new image's blobs and manifest travel: count the bytes under blobs/.
    long carried = blobBytes(delta);
    long changedBytes = changed.blobs().values().stream().mapToLong(b -> b.length).sum() + changed.manifest().bytes().length;
    assertThat(carried).isEqualTo(changedBytes);

    outpost("bundle", "import", "--config", site.toString(), delta.toString());
    try (OutpostProcess serving = OutpostProcess.startRun(work, site)) {
      String edge = "127.0.0.1:" + serving.registryPort();
      Skopeo ship = skopeo.withCredentials("ship", createToken(site, "ship", "team/*", "library/hello"));
      assertThat(Digest.sha256(ship.inspectRaw(edge, "library/hello", "2.0"))).isEqualTo(changed.digest());
      assertThat(Digest.sha256(ship.inspectRaw(edge, "library/hello", "1.0"))).isEqualTo(hello.digest());
      assertThat(Digest.sha256(ship.inspectRaw(edge, "team/big", "1.0"))).isEqualTo(big.digest());
    }
  }

  @Test
  void partsImportedOutOfOrderShowATagOnlyOnceItsLastPartArrivedEvenWhileServing() throws Exception {
    Path parts = work.resolve("parts");
    outpost("bundle", "create", "--from-parent", "--config", upstream.toString(), "--max-part-size", "3MiB",
        "--output", parts.toString());
    List<Path> all;
    try (Stream<Path> listed = Files.list(parts)) {
      all = listed.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    assertThat(all.size()).as("parts of %s", parts).isGreaterThanOrEqualTo(3);
    // The part that carries team/big's 8 MiB layer goes last; the others in descending order (3, 1 for 3 parts).
    Digest bigLayer = Digest.sha256(big.layers().getFirst());
    Path last = all.stream().filter(p -> Files.exists(p.resolve("blobs/sha256").resolve(bigLayer.hex()))).findFirst().orElseThrow();
    List<Path> first = all.stream().filter(p -> !p.equals(last)).sorted(java.util.Comparator.reverseOrder()).toList();

    Path site = siteConfig("parts-site");
    for (Path part : first) {
      // Tags still waiting for the last part: exit 1 (incomplete), and the output says what waits.
      OutpostProcess.Result early = OutpostProcess.exec(work, null, "bundle", "import", "--config", site.toString(),
          part.toString());
      assertThat(early.exitCode()).as(early.stdout() + early.stderr()).isEqualTo(1);
      assertThat(early.stdout()).contains("team/big: 0 tag(s) visible", "waiting for other parts 1.0");
    }
    try (OutpostProcess serving = OutpostProcess.startRun(work, site)) {
      String edge = "127.0.0.1:" + serving.registryPort();
      String shipPassword = createToken(site, "ship", "team/*", "library/hello");
      Skopeo ship = skopeo.withCredentials("ship", shipPassword);
      ToolRun.Result before = ship.run("inspect", "--raw", "--tls-verify=false", "--creds=" + "ship:" + shipPassword,
          "docker://" + edge + "/team/big:1.0");
      assertThat(before.exitCode()).as("team/big before its last part: " + before.stdout()).isNotZero();

      outpost("bundle", "import", "--config", site.toString(), last.toString()); // through the running agent

      assertThat(Digest.sha256(ship.inspectRaw(edge, "team/big", "1.0"))).isEqualTo(big.digest());
      assertThat(Digest.sha256(ship.inspectRaw(edge, "team/multi", "1.0"))).isEqualTo(multi.digest());
    }
  }

  private String createToken(Path config, String name, String... repositories) throws Exception {
    return OutpostProcess.createToken(work, config, name,
        Stream.of(repositories).flatMap(r -> Stream.of("--repository", r)).toArray(String[]::new));
  }

  private static long blobBytes(Path layout) throws IOException {
    try (Stream<Path> files = Files.walk(layout.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
