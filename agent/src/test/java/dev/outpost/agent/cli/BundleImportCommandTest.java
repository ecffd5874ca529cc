package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

  /**
   * A bundle of {@link #image} as {@code library/hello:v1} in {@code parts} directory parts; the
   * layers go to the last part. (A minimal writer after CONTRACTS-8; the real one is {@code bundle create}.)
   */
  private Path bundle(String name, int parts) throws IOException {
    Path root = dir.resolve(name);
    TreeMap<Digest, BundleManifest.Item> content = new TreeMap<>();
    Map<Digest, byte[]> bytes = new TreeMap<>(image.blobs());
    bytes.put(image.digest(), image.manifest().bytes());
    bytes.forEach((d, b) -> content.put(d, new BundleManifest.Item(b.length,
        d.equals(image.digest()) ? Optional.of(image.manifest().contentType()) : Optional.empty(),
        d.equals(image.digest()) || d.equals(image.configDigest()) ? 1 : parts)));
    BundleManifest manifest = new BundleManifest("b-" + name, Instant.parse("2025-01-01T00:00:00Z"), "test",
        Optional.empty(), 1, parts, new TreeMap<>(Map.of(REPO, BundleManifest.RepositoryContent.of(
            Map.of(Tag.of("v1"), image.digest()), Set.of(image.digest())))), content);
    for (int n = 1; n <= parts; n++) {
      Path part = root.resolve(parts == 1 ? "bundle" : "part-" + n + "-of-" + parts);
      Files.createDirectories(part.resolve("blobs/sha256"));
      Files.writeString(part.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      for (Map.Entry<Digest, byte[]> e : bytes.entrySet()) {
        if (content.get(e.getKey()).part() == n) {
          Files.write(part.resolve("blobs/sha256/" + e.getKey().hex()), e.getValue());
        }
      }
      Files.write(part.resolve(BundleManifest.FILE_NAME), BundleJson.write(manifest.forPart(n)));
    }
    // One part: the part itself; more: the folder holding them.
    return parts == 1 ? root.resolve("bundle") : root;
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
}
