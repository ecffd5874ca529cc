package dev.outpost.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.registry.RegistryClient;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import dev.outpost.sync.source.StoreSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bundle create over a parent that speaks real HTTP (the fixture), into real directories and tars. */
class BundleCreateTest {
  private static final RetrySettings FAST = new RetrySettings(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final long UNLIMITED = Long.MAX_VALUE / 4;

  @TempDir
  Path dir;

  private final ParentRegistryFixture parent = ParentRegistryFixture.start();
  private final RandomImages images = new RandomImages(42);
  private final Image app1 = images.ociImage(300_000, 200_000);
  private final Image app2 = images.ociImage(400_000);
  private final Index multi = images.multiArchIndex(100_000);
  private final SyncSettings settings = new SyncSettings(List.of(RepositoryPattern.parse("team/*")), List.of(AMD64), 1, 2,
      FAST, Duration.ofSeconds(20));

  BundleCreateTest() {
    parent.push("team/app", "1.0", app1).push("team/app", "2.0", app2).push("team/multi", "1.0", multi);
  }

  @AfterEach
  void stop() {
    parent.close();
  }

  private ContentSource parentSource() {
    return RegistryClient.forParent(ParentEndpoint.fromUrl(parent.url(), null, null), 4, Duration.ofSeconds(20),
        new RetryPolicy(FAST, CLOCK), CLOCK);
  }

  private CreateReport create(ContentSource source, Path out, Optional<BundlePlanner.Since> since, long maxPartSize)
      throws IOException {
    return new BundleCreate(source, new BundleOutput(out), new BlobCopy(new RetryPolicy(RetrySettings.once(), CLOCK),
        () -> false), CLOCK, line -> { }).run(settings, since, maxPartSize, "test options");
  }

  private Set<Digest> closure(Image image) {
    Set<Digest> all = new HashSet<>(image.blobs().keySet());
    all.add(image.digest());
    return all;
  }

  /** The tag closures the settings select: both app images, the index with its amd64 image only. */
  private Set<Digest> selection() {
    Set<Digest> all = new HashSet<>(closure(app1));
    all.addAll(closure(app2));
    all.add(multi.digest());
    all.addAll(closure(multi.images().get(0)));
    return all;
  }

  private static BundleManifest bundleManifest(Path layout) throws IOException {
    byte[] bytes = LayoutFiles.read(layout).get(BundleManifest.FILE_NAME);
    return BundleJson.readManifest(bytes, layout.toString());
  }

  private static Map<String, String> indexNames(Path layout) throws IOException {
    JsonNode index = new ObjectMapper().readTree(LayoutFiles.read(layout).get("index.json"));
    Map<String, String> names = new TreeMap<>();
    for (JsonNode m : index.path("manifests")) {
      names.put(m.path("annotations").path(LayoutIndex.REF_NAME).asText(), m.path("digest").asText());
      assertThat(m.path("annotations").path(LayoutIndex.CONTAINERD_NAME).asText())
          .isEqualTo(m.path("annotations").path(LayoutIndex.REF_NAME).asText());
    }
    return names;
  }

  private static long size(Set<Digest> digests, BundleManifest m) {
    return digests.stream().mapToLong(d -> m.content().get(d).size()).sum();
  }

  @Test
  void aBundleCarriesEveryClosureTheRulesSelectAndNamesEachTag() throws IOException {
    Path out = dir.resolve("bundle");
    CreateReport report;
    try (ContentSource source = parentSource()) {
      report = create(source, out, Optional.empty(), UNLIMITED);
    }

    BundleManifest m = bundleManifest(out);
    assertThat(m.content().keySet()).containsExactlyInAnyOrderElementsOf(selection());
    assertThat(m.content().keySet()).doesNotContainAnyElementsOf(closure(multi.images().get(1))); // arm64 filtered
    assertThat(m.parts()).isEqualTo(1);
    assertThat(m.repositories().get(RepositoryName.of("team/app")).tags())
        .containsEntry(Tag.of("1.0"), app1.digest()).containsEntry(Tag.of("2.0"), app2.digest());
    Map<String, byte[]> files = LayoutFiles.read(out);
    for (Digest d : m.content().keySet()) {
      byte[] bytes = files.get("blobs/sha256/" + d.hex());
      assertThat(Digest.sha256(bytes)).isEqualTo(d);
      assertThat((long) bytes.length).isEqualTo(m.content().get(d).size());
    }
    assertThat(m.content().get(app1.digest()).mediaType()).contains(app1.manifest().contentType());
    assertThat(indexNames(out)).containsExactlyInAnyOrderEntriesOf(Map.of("team/app:1.0", app1.digest().toString(),
        "team/app:2.0", app2.digest().toString(), "team/multi:1.0", multi.digest().toString()));
    assertThat(files.get("oci-layout")).isEqualTo(LayoutIndex.ociLayout());
    assertThat(out.resolve(BundleOutput.STATE_DIR)).doesNotExist();
    assertThat(report.bytesCarried()).isEqualTo(m.carriedBytes()).isEqualTo(report.bytesWritten());
    assertThat(report.tags()).isEqualTo(3);
  }

  @Test
  void aDeltaCarriesOnlyWhatTheSiteLacksAndStillListsTheWholeSelection() throws IOException {
    // The site holds team/app:1.0 whole.
    Inventory site = new Inventory(CLOCK.instant(), "site", new TreeMap<>(Map.of(RepositoryName.of("team/app"),
        Inventory.Repository.of(Map.of(Tag.of("1.0"), app1.digest()), Set.of(app1.digest())))),
        new TreeSet<>(app1.blobs().keySet()));
    byte[] inventoryFile = BundleJson.write(site);
    Path out = dir.resolve("delta.tar");
    CreateReport report;
    try (ContentSource source = parentSource()) {
      report = create(source, out, Optional.of(new BundlePlanner.Since(site, Digest.sha256(inventoryFile))), UNLIMITED);
    }

    BundleManifest m = bundleManifest(out);
    Set<Digest> missing = new HashSet<>(selection());
    missing.removeAll(closure(app1));
    assertThat(m.content().keySet()).containsExactlyInAnyOrderElementsOf(missing);
    assertThat(LayoutFiles.read(out).keySet().stream().filter(n -> n.startsWith("blobs/")).count()).isEqualTo(missing.size());
    long app1Bytes = app1.manifest().size() + app1.blobs().values().stream().mapToLong(b -> b.length).sum();
    assertThat(report.bytesSkipped()).isEqualTo(app1Bytes);
    assertThat(report.itemsSkipped()).isEqualTo(closure(app1).size());
    assertThat(report.bytesCarried()).isEqualTo(size(missing, m));
    assertThat(m.repositories().get(RepositoryName.of("team/app")).tags()).containsEntry(Tag.of("1.0"), app1.digest());
    assertThat(m.since()).contains(new BundleManifest.InventoryRef(Digest.sha256(inventoryFile), site.created()));
    assertThat(indexNames(out)).containsOnlyKeys("team/app:2.0", "team/multi:1.0");
  }

  @ParameterizedTest(name = "tar={0}")
  @ValueSource(booleans = {false, true})
  void partsSplitTheBundleAndEachIsAValidLayout(boolean tar) throws IOException {
    long max = 700_000;
    Path out = dir.resolve(tar ? "parts.tar" : "parts");
    CreateReport report;
    try (ContentSource source = parentSource()) {
      report = create(source, out, Optional.empty(), max);
    }

    assertThat(report.parts()).hasSizeGreaterThan(1);
    Set<Digest> seen = new HashSet<>();
    BundleOutput output = new BundleOutput(out);
    for (int n = 1; n <= report.parts().size(); n++) {
      Path part = output.part(n, report.parts().size());
      assertThat(report.parts().get(n - 1)).isEqualTo(part);
      Map<String, byte[]> files = LayoutFiles.read(part);
      BundleManifest m = bundleManifest(part);
      assertThat(m.part()).isEqualTo(n);
      assertThat(files).containsKeys("oci-layout", "index.json", BundleManifest.FILE_NAME);
      Set<String> blobs = files.keySet().stream().filter(f -> f.startsWith("blobs/")).collect(Collectors.toSet());
      assertThat(blobs).isEqualTo(m.carriedIn(n).stream().map(d -> "blobs/sha256/" + d.hex()).collect(Collectors.toSet()));
      for (Digest d : m.carriedIn(n)) {
        assertThat(seen.add(d)).as("%s carried once", d).isTrue();
      }
      if (tar) {
        assertThat(Files.size(part)).isLessThanOrEqualTo(max);
      }
      // index.json names a tag only in the part that holds its whole closure
      for (String digest : indexNames(part).values()) {
        assertThat(m.carriedIn(n)).contains(Digest.parse(digest));
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(selection());
  }

  @ParameterizedTest(name = "tar={0}")
  @ValueSource(booleans = {false, true})
  void anInterruptedCreateContinuesWithTheSamePlanAndWritesNoCompleteBlobAgain(boolean tar) throws IOException {
    Path out = dir.resolve(tar ? "resume.tar" : "resume");
    BundleOutput output = new BundleOutput(out);
    try (ContentSource source = new Recording(parentSource(), 3)) {
      assertThatThrownBy(() -> create(source, out, Optional.empty(), UNLIMITED)).hasMessageContaining("injected");
    }
    String plannedId = BundleJson.readManifest(new ObjectMapper().writeValueAsBytes(
        new ObjectMapper().readTree(output.stateDir().resolve(PlanFile.NAME).toFile()).path("bundle")), "plan").id();
    Set<Digest> completeBefore = new HashSet<>();
    try (LayoutWriter layout = tar ? TarLayout.open(out, output.journal(1), Instant.EPOCH, null)
        : DirectoryLayout.open(out, null)) {
      selection().stream().filter(layout::holds).forEach(completeBefore::add);
    }
    assertThat(completeBefore).hasSize(2);

    Recording second = new Recording(parentSource(), Integer.MAX_VALUE);
    CreateReport report;
    try (second) {
      report = create(second, out, Optional.empty(), UNLIMITED);
    }

    assertThat(report.bundleId()).isEqualTo(plannedId);
    assertThat(report.resumed()).isTrue();
    assertThat(second.opened).doesNotContainAnyElementsOf(completeBefore);
    BundleManifest m = bundleManifest(out);
    assertThat(m.id()).isEqualTo(plannedId);
    assertThat(report.bytesKept()).isEqualTo(size(completeBefore, m));
    Map<String, byte[]> files = LayoutFiles.read(out);
    for (Digest d : selection()) {
      assertThat(Digest.sha256(files.get("blobs/sha256/" + d.hex()))).isEqualTo(d);
    }
    assertThat(output.stateDir()).doesNotExist();
  }

  @Test
  void tarOutputHoldsWhatDirectoryOutputHolds() throws IOException {
    try (ContentSource source = parentSource()) {
      create(source, dir.resolve("as-dir"), Optional.empty(), UNLIMITED);
      create(source, dir.resolve("as.tar"), Optional.empty(), UNLIMITED);
    }
    Map<String, byte[]> asDir = LayoutFiles.read(dir.resolve("as-dir"));
    Map<String, byte[]> asTar = LayoutFiles.read(dir.resolve("as.tar"));

    assertThat(asTar.keySet()).isEqualTo(asDir.keySet());
    for (String name : asDir.keySet()) {
      if (!name.equals(BundleManifest.FILE_NAME)) {
        assertThat(asTar.get(name)).as(name).isEqualTo(asDir.get(name));
      }
    }
    BundleManifest d = bundleManifest(dir.resolve("as-dir"));
    BundleManifest t = bundleManifest(dir.resolve("as.tar"));
    assertThat(t.content()).isEqualTo(d.content());
    assertThat(t.repositories()).isEqualTo(d.repositories());
    assertThat(t.id()).isNotEqualTo(d.id()); // two bundles, each with its own id
  }

  @Test
  void aStoreIsASourceLikeTheParent() throws IOException {
    Path data = dir.resolve("store");
    try (LocalStore store = RocksLocalStore.open(data)) {
      try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store,
          new SimpleMeterRegistry(), CLOCK)) {
        assertThat(engine.runOnce(SyncListener.NONE, () -> false).complete()).isTrue();
      }
      create(new StoreSource(store), dir.resolve("from-store"), Optional.empty(), UNLIMITED);
    }
    try (ContentSource source = parentSource()) {
      create(source, dir.resolve("from-parent"), Optional.empty(), UNLIMITED);
    }

    BundleManifest fromStore = bundleManifest(dir.resolve("from-store"));
    assertThat(fromStore.content()).isEqualTo(bundleManifest(dir.resolve("from-parent")).content());
    assertThat(fromStore.source()).startsWith("store ");
  }

  @Test
  void anOutputThatExistsIsNeverOverwrittenAndAResumeNeedsTheSameOptions() throws IOException {
    Path out = dir.resolve("taken");
    Files.createDirectories(out);
    Files.writeString(out.resolve("something"), "mine");
    try (ContentSource source = parentSource()) {
      assertThatThrownBy(() -> create(source, out, Optional.empty(), UNLIMITED))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
    }
    assertThat(out.resolve("something")).hasContent("mine");

    Path resumed = dir.resolve("resume");
    try (ContentSource source = new Recording(parentSource(), 1)) {
      assertThatThrownBy(() -> create(source, resumed, Optional.empty(), UNLIMITED)).hasMessageContaining("injected");
    }
    try (ContentSource source = parentSource()) {
      assertThatThrownBy(() -> new BundleCreate(source, new BundleOutput(resumed), new BlobCopy(
          new RetryPolicy(RetrySettings.once(), CLOCK), () -> false), CLOCK, line -> { })
          .run(settings, Optional.empty(), UNLIMITED, "other options"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other options");
    }
  }

  /** The parent, recording which blobs are opened and failing (for good) at the n-th blob opened. */
  private static final class Recording implements ContentSource {
    private final ContentSource inner;
    private final int failAt;
    private final AtomicInteger count = new AtomicInteger();
    final List<Digest> opened = new ArrayList<>();

    Recording(ContentSource inner, int failAt) {
      this.inner = inner;
      this.failAt = failAt;
    }

    @Override
    public String describe() {
      return inner.describe();
    }

    @Override
    public void ping() throws IOException {
      inner.ping();
    }

    @Override
    public List<RepositoryName> repositories() throws IOException {
      return inner.repositories();
    }

    @Override
    public List<Tag> tags(RepositoryName repo) throws IOException {
      return inner.tags(repo);
    }

    @Override
    public ManifestHead headManifest(RepositoryName repo, dev.outpost.store.model.Reference reference) throws IOException {
      return inner.headManifest(repo, reference);
    }

    @Override
    public FetchedManifest getManifest(RepositoryName repo, dev.outpost.store.model.Reference reference) throws IOException {
      return inner.getManifest(repo, reference);
    }

    @Override
    public BlobStream openBlob(RepositoryName repo, Digest digest, long from, long length) throws IOException {
      if (count.incrementAndGet() == failAt) {
        throw new IOException("link dropped (injected)");
      }
      opened.add(digest);
      return inner.openBlob(repo, digest, from, length);
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repo, Digest subject) throws IOException {
      return inner.referrers(repo, subject);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
