package dev.outpost.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.gc.GarbageCollector;
import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.store.verify.StoreVerifier;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.select.RepositoryRule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bundle import} end to end: bundles written on disk, imported into a real RocksDB store. */
class BundleImportTest {
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

  @TempDir
  Path dir;

  private final RandomImages images = new RandomImages(11);
  private LocalStore store;

  private LocalStore store() {
    if (store == null) {
      store = RocksLocalStore.open(dir.resolve("store"));
    }
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  static SyncSettings site(RepositoryRule... rules) {
    return new SyncSettings(List.of(rules), List.of(), 1, 2, RetrySettings.once(), Duration.ofSeconds(20),
        Optional.empty(), Duration.ZERO);
  }

  private ImportReport importParts(List<Path> parts) throws IOException {
    return importParts(parts, site());
  }

  private ImportReport importParts(List<Path> parts, SyncSettings settings) throws IOException {
    return BundleImport.run(parts, store(), settings, SyncListener.NONE, () -> false, new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  private Optional<Digest> tag(String repo, String tag) {
    return store().resolveTag(RepositoryName.of(repo), Tag.of(tag));
  }

  private static Digest layer(Image image, int n) {
    return Digest.sha256(image.layers().get(n));
  }

  private ImportReport.RepositoryImport repo(ImportReport report, String name) {
    return report.repositories().stream().filter(r -> r.repository().value().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSinglePartBundleImportsEveryTagAndASecondImportChangesNothing() throws IOException {
    Image image = images.ociImage(200_000, 300);
    Index index = images.multiArchIndex(5000);
    List<Path> parts = new TestBundle(1).add("library/hello", "v1", image).add("team/multi", "1.0", index)
        .writeTars(dir.resolve("out"));

    ImportReport first = importParts(parts);

    assertThat(first.complete()).as("%s", first).isTrue();
    assertThat(first.changed()).isTrue();
    assertThat(tag("library/hello", "v1")).contains(image.digest());
    assertThat(tag("team/multi", "1.0")).contains(index.digest());
    assertThat(repo(first, "library/hello").imported()).containsExactly(Tag.of("v1"));
    assertThat(store().pendingOf(first.bundleId())).as("nothing kept once complete").isEmpty();

    ImportReport second = importParts(parts);

    assertThat(second.complete()).isTrue();
    assertThat(second.changed()).as("%s", second).isFalse();
    assertThat(second.bytesImported()).isZero();
    assertThat(repo(second, "library/hello").tagsVisible()).isEqualTo(1);
    assertThat(new StoreVerifier(store(), Clock.systemUTC()).run(false).clean()).isTrue();
  }

  @Test
  void threePartsImportedInTheOrder312ShowEachTagOnlyOnceItsLastItemArrived() throws IOException {
    Image a = images.ociImage(40_000, 500);
    Image b = images.ociImage(30_000);
    Index c = images.multiArchIndex(20_000);
    Image cAmd = c.images().get(0);
    Image cArm = c.images().get(1);
    TestBundle bundle = new TestBundle(3).add("library/a", "1", a).add("library/b", "1", b).add("team/c", "1.0", c)
        // a: manifest in 3, config in 1, layers in 2. b: all in 1.
        .put(a.digest(), 3).put(a.configDigest(), 1).put(layer(a, 0), 2).put(layer(a, 1), 2)
        // c: the index in 3; the amd64 image's manifest in 2, its blobs in 1 and 2; the arm64 image whole in 1
        // (after a child that waits, the next one is still committed).
        .put(c.digest(), 3).put(cAmd.digest(), 2).put(cAmd.configDigest(), 1).put(layer(cAmd, 0), 2);
    List<Path> parts = bundle.writeDirectories(dir.resolve("out"));

    ImportReport third = importParts(List.of(parts.get(2)));

    assertThat(third.partsRead()).containsExactly(3);
    assertThat(tag("library/a", "1")).isEmpty();
    assertThat(tag("team/c", "1.0")).isEmpty();
    assertThat(repo(third, "library/a").waiting()).containsExactly(Tag.of("1"));
    assertThat(repo(third, "library/a").failure()).isEmpty();
    assertThat(third.rejected()).isEmpty();
    assertThat(third.complete()).isFalse();
    assertThat(store().stat(a.digest())).as("a's manifest staged as a blob file").isPresent();
    assertThat(store().stat(c.digest())).isPresent();

    ImportReport first = importParts(List.of(parts.get(0)));

    assertThat(tag("library/b", "1")).contains(b.digest());
    assertThat(tag("library/a", "1")).as("its layers are in part 2").isEmpty();
    assertThat(tag("team/c", "1.0")).isEmpty();
    assertThat(store().manifest(RepositoryName.of("team/c"), cArm.digest())).as("a whole child commits").isPresent();
    assertThat(repo(first, "library/b").imported()).containsExactly(Tag.of("1"));
    assertThat(repo(first, "team/c").waiting()).containsExactly(Tag.of("1.0"));

    // A collection while the bundle is half imported: what parts 3 and 1 brought stays.
    new GarbageCollector(store(), Duration.ofMinutes(10), new PartialPolicy(List.of(), Duration.ofDays(7)), LATER)
        .collect(false);
    assertThat(store().stat(a.digest())).isPresent();
    assertThat(store().stat(c.digest())).isPresent();
    assertThat(store().stat(a.configDigest())).isPresent();
    assertThat(store().stat(cAmd.configDigest())).isPresent();
    assertThat(store().manifest(RepositoryName.of("team/c"), cArm.digest())).isPresent();

    ImportReport second = importParts(List.of(parts.get(1)));

    assertThat(second.complete()).as("%s", second).isTrue();
    assertThat(tag("library/a", "1")).contains(a.digest());
    assertThat(tag("team/c", "1.0")).contains(c.digest());
    assertThat(store().pendingOf(bundle.id())).isEmpty();
    assertThat(new StoreVerifier(store(), Clock.systemUTC()).run(false).clean()).isTrue();
  }

  @Test
  void aFlippedByteRefusesThatBlobAndTheImagesNeedingItAndTheRestImports() throws IOException {
    Image a = images.ociImage(50_000);
    Image shared = images.ociImage(10_000);
    Image b = images.ociImage(20_000);
    Digest bad = layer(a, 0);
    // library/c holds the same image: refused with it.
    Image c = a;
    List<Path> parts = new TestBundle(1).add("library/a", "1", a).add("library/b", "1", b).add("library/b", "2", shared)
        .add("library/c", "1", c).writeDirectories(dir.resolve("out"));
    TestBundle.flipByte(parts.get(0), bad);

    ImportReport report = importParts(parts);

    assertThat(tag("library/b", "1")).contains(b.digest());
    assertThat(tag("library/b", "2")).contains(shared.digest());
    assertThat(tag("library/a", "1")).isEmpty();
    assertThat(tag("library/c", "1")).isEmpty();
    assertThat(store().stat(bad)).isEmpty();
    assertThat(repo(report, "library/a").refused()).containsExactly(Tag.of("1"));
    assertThat(report.rejected()).singleElement().asString()
        .startsWith(bad + " refused: ").contains("library/a:1").contains("library/c:1");
    assertThat(report.complete()).isFalse();
    assertThat(new StoreVerifier(store(), Clock.systemUTC()).run(false).clean()).isTrue();
  }

  @Test
  void aTruncatedTarEntryIsRefusedWithItsImage() throws IOException {
    Image a = images.ociImage(60_000);
    Image b = images.ociImage(6_000);
    byte[] layer = a.layers().get(0);
    List<Path> parts = new TestBundle(1).add("library/a", "1", a).add("library/b", "1", b)
        .damage(layer(a, 0), Arrays.copyOf(layer, layer.length - 1000)).writeTars(dir.resolve("out"));

    ImportReport report = importParts(parts);

    assertThat(tag("library/b", "1")).contains(b.digest());
    assertThat(tag("library/a", "1")).isEmpty();
    assertThat(report.rejected()).singleElement().asString().startsWith(layer(a, 0) + " refused: ")
        .contains("truncated").contains("library/a:1");
  }

  @Test
  void aPartWithoutItsBundleManifestIsRefusedWholeBeforeAnythingIsWritten() throws IOException {
    List<Path> parts = new TestBundle(1).add("library/a", "1", images.ociImage(1000)).writeDirectories(dir.resolve("out"));
    Files.delete(parts.get(0).resolve(BundleManifest.FILE_NAME));

    assertThatThrownBy(() -> importParts(parts)).isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("did not finish");
    assertThat(store().repositories()).isEmpty();
  }

  @Test
  void partsOfTwoBundlesAreRefused() throws IOException {
    Path one = new TestBundle(1).add("library/a", "1", images.ociImage(1000)).writeTars(dir.resolve("one")).get(0);
    Path two = new TestBundle(1).add("library/b", "1", images.ociImage(1000)).writeTars(dir.resolve("two")).get(0);

    assertThatThrownBy(() -> importParts(List.of(one, two))).isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("import one bundle at a time");
  }

  @Test
  void aFolderHoldingPartsImportsThemAll() throws IOException {
    Image a = images.ociImage(20_000);
    new TestBundle(2).add("library/a", "1", a).put(layer(a, 0), 2).writeTars(dir.resolve("disk"));

    ImportReport report = importParts(List.of(dir.resolve("disk")));

    assertThat(report.partsRead()).containsExactly(1, 2);
    assertThat(tag("library/a", "1")).contains(a.digest());
  }

  @Test
  void repositoriesTheBundleDoesNotMentionKeepTheirTags() throws IOException {
    Image x = images.ociImage(1000);
    importParts(new TestBundle(1).add("library/x", "1", x).writeTars(dir.resolve("first")));

    ImportReport report = importParts(new TestBundle(1).add("library/y", "1", images.ociImage(1000))
        .writeTars(dir.resolve("second")));

    assertThat(report.complete()).isTrue();
    assertThat(tag("library/x", "1")).as("deleteGrace is zero: a retire would have removed it").contains(x.digest());
  }

  @Test
  void theSitesRulesSelectWhatIsImported() throws IOException {
    List<Path> parts = new TestBundle(1).add("library/a", "1", images.ociImage(1000))
        .add("library/b", "1", images.ociImage(1000)).writeTars(dir.resolve("out"));

    ImportReport report = importParts(parts, site(RepositoryRule.all(RepositoryPattern.parse("library/a"))));

    assertThat(tag("library/a", "1")).isPresent();
    assertThat(tag("library/b", "1")).isEmpty();
    assertThat(report.notSelected()).containsExactly(RepositoryName.of("library/b"));
  }
}
