package dev.outpost.store.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.image.RandomContent;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage collection over a real store: what is reachable stays, the rest goes, nothing in use goes. */
class GarbageCollectorTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");
  private static final Duration GRACE = Duration.ofMinutes(10);
  /** A collector whose clock is an hour ahead sees everything in the store as older than its grace period. */
  private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
  private static final PartialPolicy KEEP_PARTIALS =
      new PartialPolicy(List.of(RepositoryPattern.parse("library/*")), Duration.ofDays(7));

  @TempDir
  Path data;

  private LocalStore store;
  private ImageImporter importer;

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(data);
    importer = new ImageImporter(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private GarbageCollector collector(Clock clock, PartialPolicy partials) {
    return new GarbageCollector(store, GRACE, partials, clock);
  }

  private BlobInfo blob(long seed, int size) {
    return importer.blob(RandomContent.bytes(seed, size));
  }

  private ManifestContent image(BlobInfo config, BlobInfo... layers) {
    String layerJson = java.util.Arrays.stream(layers).map(l -> descriptor(MediaType.OCI_LAYER_TAR_GZIP, l.digest(), l.size()))
        .collect(Collectors.joining(","));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":"
        + descriptor(MediaType.OCI_CONFIG, config.digest(), config.size()) + ",\"layers\":[" + layerJson + "]}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  private ManifestContent signatureOf(ManifestContent subject, BlobInfo config) {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.example.sig\","
        + "\"config\":" + descriptor(MediaType.OCI_EMPTY, config.digest(), config.size()) + ",\"layers\":[],\"subject\":"
        + descriptor(subject.contentType(), subject.digest(), subject.size()) + "}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  private ManifestContent index(ManifestContent... children) {
    String entries = java.util.Arrays.stream(children).map(c -> descriptor(c.contentType(), c.digest(), c.size()))
        .collect(Collectors.joining(","));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[" + entries + "]}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);
  }

  private static String descriptor(MediaType type, Digest digest, long size) {
    return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private ManifestContent tagged(String tag, ManifestContent manifest) {
    store.commitManifest(REPO, manifest, Set.of());
    store.commitTag(REPO, Tag.of(tag), manifest.digest());
    return manifest;
  }

  @Test
  void contentAPendingBundleImportKeepsIsLiveUntilTheBundleIsForgotten() {
    BlobInfo staged = blob(90, 3000);
    BlobInfo stray = blob(91, 10);
    // A child committed by the import, its index (and tag) in a part not imported yet.
    ManifestContent child = image(blob(92, 20), blob(93, 40));
    store.commitManifest(REPO, child, Set.of());
    store.keepPending("bundle-1", List.of(staged.digest(), child.digest()));

    GcReport first = collector(LATER, KEEP_PARTIALS).collect(false);

    assertThat(store.stat(staged.digest())).isPresent();
    assertThat(store.manifest(REPO, child.digest())).isPresent();
    assertThat(store.stat(stray.digest())).isEmpty();
    assertThat(first.blobs()).isEqualTo(1);
    assertThat(first.manifests()).isZero();

    store.forgetPending("bundle-1");
    collector(LATER, KEEP_PARTIALS).collect(false);

    assertThat(store.pendingOf("bundle-1")).isEmpty();
    assertThat(store.stat(staged.digest())).isEmpty();
    assertThat(store.manifest(REPO, child.digest())).isEmpty();
  }

  @Test
  void contentSharedWithALiveTagIsKeptAndTheRestGoes() {
    BlobInfo shared = blob(1, 5000);
    BlobInfo oldConfig = blob(2, 100);
    BlobInfo liveConfig = blob(3, 100);
    ManifestContent old = tagged("old", image(oldConfig, shared));
    ManifestContent live = tagged("live", image(liveConfig, shared));
    store.removeTag(REPO, Tag.of("old"));

    GcReport report = collector(LATER, KEEP_PARTIALS).collect(false);

    assertThat(store.manifest(REPO, old.digest())).isEmpty();
    assertThat(store.stat(oldConfig.digest())).isEmpty();
    assertThat(store.blobPath(oldConfig.digest())).doesNotExist();
    assertThat(store.manifest(REPO, live.digest())).isPresent();
    assertThat(store.stat(shared.digest())).isPresent();
    assertThat(store.stat(liveConfig.digest())).isPresent();
    assertThat(store.referencesBlob(REPO, shared.digest())).isTrue();
    assertThat(report).isEqualTo(new GcReport(false, 1, 1, 0, old.size() + oldConfig.size()));
  }

  @Test
  void childrenOfAnIndexAndReferrersOfWhatIsMarkedAreKept() {
    BlobInfo config = blob(10, 100);
    ManifestContent child = image(config, blob(11, 3000));
    store.commitManifest(REPO, child, Set.of());
    ManifestContent idx = tagged("multi", index(child));
    ManifestContent signature = signatureOf(idx, blob(12, 2));
    store.commitManifest(REPO, signature, Set.of());
    ManifestContent orphanSignature = signatureOf(image(blob(13, 50)), blob(14, 3));
    store.commitManifest(REPO, orphanSignature, Set.of());

    GcReport report = collector(LATER, KEEP_PARTIALS).collect(false);

    assertThat(store.manifest(REPO, child.digest())).isPresent();
    assertThat(store.manifest(REPO, signature.digest())).isPresent();
    assertThat(store.manifest(REPO, orphanSignature.digest())).as("its subject is not marked").isEmpty();
    assertThat(report.manifests()).isEqualTo(1);
    assertThat(report.blobs()).as("the orphan's config; the unreferenced 50-byte blob").isEqualTo(2);
  }

  @Test
  void aDryRunRemovesNothingAndReportsExactlyWhatARealRunRemoves() {
    BlobInfo shared = blob(20, 4000);
    tagged("a", image(blob(21, 100), shared));
    tagged("b", image(blob(22, 100), shared, blob(23, 700)));
    tagged("c", image(blob(24, 100)));
    store.removeTag(REPO, Tag.of("b"));
    store.removeTag(REPO, Tag.of("c"));
    blob(25, 10);

    List<String> dry = new ArrayList<>();
    GcReport dryReport = collector(LATER, KEEP_PARTIALS).collect(true, r -> dry.add(r.describe()));
    List<String> stillThere = inventory();
    List<String> real = new ArrayList<>();
    GcReport realReport = collector(LATER, KEEP_PARTIALS).collect(false, r -> real.add(r.describe()));

    assertThat(dry).hasSize(6).isEqualTo(real);
    assertThat(stillThere).hasSize(3 + 6);
    assertThat(dryReport.dryRun()).isTrue();
    assertThat(new GcReport(false, dryReport.manifests(), dryReport.blobs(), dryReport.partials(), dryReport.bytesFreed()))
        .isEqualTo(realReport);
    assertThat(inventory()).hasSize(1 + 2);
  }

  @Test
  void contentYoungerThanTheGracePeriodIsKept() {
    tagged("x", image(blob(30, 100)));
    store.removeTag(REPO, Tag.of("x"));
    blob(31, 10);

    GcReport report = collector(Clock.systemUTC(), KEEP_PARTIALS).collect(false);

    assertThat(report).isEqualTo(new GcReport(false, 0, 0, 0, 0));
    assertThat(inventory()).hasSize(3);
  }

  @Test
  void anUntaggedManifestPulledWithinTheGracePeriodIsKeptWithItsBlobs() {
    ManifestContent pulled = tagged("x", image(blob(40, 100)));
    store.removeTag(REPO, Tag.of("x"));
    store.recordPull(REPO, pulled.digest());

    // The pull is recent to a collector whose clock is now, but its content is old to it.
    GcReport keeps = new GarbageCollector(store, GRACE, KEEP_PARTIALS, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)))
        .collect(false);
    assertThat(keeps.manifests()).isZero();
    assertThat(store.manifest(REPO, pulled.digest())).isPresent();

    assertThat(collector(LATER, KEEP_PARTIALS).collect(false).manifests()).isEqualTo(1);
  }

  @Test
  void aSweepDuringAnIngestOfTheSameBlobDoesNotBreakTheIngest() {
    byte[] layerBytes = RandomContent.bytes(50, 300_000);
    BlobInfo layer = importer.blob(layerBytes);
    BlobInfo config = blob(51, 100);
    // Both blobs are old and nothing references them: garbage, until this ingest commits a manifest.
    try (BlobIngest again = store.openIngest(layer.digest(), layer.size(), "parent:library/hello");
        BlobIngest configIngest = store.openIngest(config.digest(), config.size(), "parent:library/hello")) {
      GcReport during = collector(LATER, KEEP_PARTIALS).collect(false);
      assertThat(during.blobs()).isZero();
      again.commit();
      configIngest.commit();
    }
    // The manifest commits after the ingests closed; the grace period still covers them.
    store.commitManifest(REPO, image(config, layer), Set.of());
    assertThat(collector(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)), KEEP_PARTIALS).collect(false).blobs())
        .isZero();
    assertThat(store.referencesBlob(REPO, layer.digest())).isTrue();
  }

  @Test
  void aPartialBeingWrittenSurvivesASweepThatWouldTakeItAndCommitsWithTheRightBytes() throws Exception {
    byte[] content = RandomContent.bytes(60, 200_000);
    Digest digest = Digest.sha256(content);
    PartialPolicy nothingSelected = new PartialPolicy(List.of(), Duration.ofDays(7));
    try (BlobIngest ingest = store.openIngest(digest, content.length, "parent:gone/repo")) {
      ingest.write(content, 0, 100_000);
      ingest.checkpoint();
      assertThat(collector(LATER, nothingSelected).collect(false).partials()).isZero();
      ingest.write(content, 100_000, content.length - 100_000);
      ingest.commit();
    }
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
  }

  @Test
  void partialsGoWhenUntouchedForTheirTtlOrNoLongerSelected() throws Exception {
    Digest stale = partial(70, "parent:library/hello");
    Files.setLastModifiedTime(data.resolve("ingest/sha256-" + stale.hex() + ".part"),
        FileTime.from(Instant.now().minus(Duration.ofDays(8))));
    Digest unselected = partial(71, "parent:gone/repo");
    Digest wanted = partial(72, "parent:library/hello");
    PartialPolicy policy = new PartialPolicy(List.of(RepositoryPattern.parse("library/*")), Duration.ofDays(7));

    List<Removal> removed = new ArrayList<>();
    GcReport report = new GarbageCollector(store, GRACE, policy, Clock.systemUTC()).collect(false, removed::add);

    assertThat(removed).extracting(r -> ((Removal.Partial) r).digest()).containsExactlyInAnyOrder(stale, unselected);
    assertThat(report.partials()).isEqualTo(2);
    assertThat(report.bytesFreed()).isEqualTo(2 * 1000);
    try (BlobIngest resumed = store.openIngest(wanted, 5000, "parent:library/hello")) {
      assertThat(resumed.offset()).isEqualTo(1000);
    }
  }

  private Digest partial(long seed, String source) {
    byte[] content = RandomContent.bytes(seed, 5000);
    Digest digest = Digest.sha256(content);
    try (BlobIngest ingest = store.openIngest(digest, content.length, source)) {
      ingest.write(content, 0, 1000);
      ingest.checkpoint();
    }
    return digest;
  }

  /** Every manifest and blob, one line each. */
  private List<String> inventory() {
    List<String> lines = new ArrayList<>();
    store.forEachManifest(m -> lines.add("manifest " + m.digest()));
    store.forEachBlob(b -> lines.add("blob " + b.digest()));
    return lines;
  }
}
