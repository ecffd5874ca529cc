package dev.outpost.store.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.image.RandomContent;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quota over a real store: least recently pulled images go first (never pulled ones by commit
 * time), pinned repositories and content in use stay, and garbage collection then frees the bytes.
 * The store's clock is moved by hand, so commits and pulls have distinct, known times.
 */
class QuotaTest {
  private static final Duration GRACE = Duration.ofMinutes(10);
  private static final RepositoryName OLD = RepositoryName.of("library/old");
  private static final RepositoryName PULLED = RepositoryName.of("library/pulled");
  private static final RepositoryName NEWER = RepositoryName.of("library/newer");
  private static final RepositoryName BASE = RepositoryName.of("base/os");
  private static final List<RepositoryPattern> PIN_BASE = List.of(RepositoryPattern.parse("base/*"));

  @TempDir
  java.nio.file.Path data;

  private final HandClock clock = new HandClock(Instant.parse("2026-03-01T00:00:00Z"));
  private LocalStore store;
  private ImageImporter importer;

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(data, clock);
    importer = new ImageImporter(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Quota quota(long maxBytes, List<RepositoryPattern> pinned) {
    return new Quota(store, store, maxBytes, pinned, GRACE, clock);
  }

  private GcReport collect() {
    return new GarbageCollector(store, GRACE, new PartialPolicy(List.of(), Duration.ofDays(7)), clock).collect(false);
  }

  /** An image of one config and one layer of {@code layerSize} bytes, committed now, then an hour passes. */
  private ManifestContent image(RepositoryName repository, String tag, long seed, int layerSize, BlobInfo... shared) {
    BlobInfo config = importer.blob(("{\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
    BlobInfo[] layers = java.util.stream.Stream.concat(Arrays.stream(shared),
        java.util.stream.Stream.of(importer.blob(RandomContent.bytes(seed, layerSize)))).toArray(BlobInfo[]::new);
    ManifestContent manifest = manifest(config, layers);
    importer.importManifest(repository, manifest, Tag.of(tag));
    clock.advance(Duration.ofHours(1));
    return manifest;
  }

  private static ManifestContent manifest(BlobInfo config, BlobInfo... layers) {
    String layerJson = Arrays.stream(layers).map(l -> descriptor(MediaType.OCI_LAYER_TAR_GZIP, l.digest(), l.size()))
        .collect(Collectors.joining(","));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":"
        + descriptor(MediaType.OCI_CONFIG, config.digest(), config.size()) + ",\"layers\":[" + layerJson + "]}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  private static String descriptor(MediaType type, Digest digest, long size) {
    return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private long blobBytes() {
    long[] total = {0};
    store.forEachBlob(b -> total[0] += b.size());
    return total[0];
  }

  @Test
  void overTheQuotaTheLeastRecentlyPulledUnpinnedImageGoesAndAPinnedOneStays() {
    image(BASE, "latest", 1, 40_000); // the oldest of all, never pulled, but pinned
    ManifestContent old = image(OLD, "v1", 2, 30_000);
    ManifestContent pulled = image(PULLED, "v1", 3, 30_000);
    ManifestContent newer = image(NEWER, "v1", 4, 30_000);
    store.recordPull(PULLED, pulled.digest()); // committed before `newer`, pulled after it
    clock.advance(Duration.ofHours(1));
    long total = blobBytes();
    long oldBytes = blobBytesOf(OLD, old);

    QuotaReport report = quota(total - 10_000, PIN_BASE).enforce();

    assertThat(report.evictions()).extracting(Eviction::repository).containsExactly(OLD);
    assertThat(report.evictions().getFirst().bytes()).isEqualTo(oldBytes);
    assertThat(report.evictions().getFirst().lastPulled()).isEmpty();
    assertThat(report).extracting(QuotaReport::sizeBefore, QuotaReport::sizeAfter, QuotaReport::satisfied)
        .containsExactly(total, total - oldBytes, true);
    assertThat(store.tags(OLD)).isEmpty();
    assertThat(store.tags(BASE)).containsExactly(Tag.of("latest"));
    assertThat(store.tags(PULLED)).containsExactly(Tag.of("v1"));
    assertThat(store.tags(NEWER)).containsExactly(Tag.of("v1"));
    assertThat(store.manifest(OLD, old.digest())).as("servable by digest until garbage collection").isPresent();

    GcReport freed = collect();

    assertThat(freed.blobs()).isEqualTo(2);
    assertThat(blobBytes()).isEqualTo(report.sizeAfter());
    assertThat(store.manifest(OLD, old.digest())).isEmpty();
    assertThat(store.manifest(NEWER, newer.digest())).isPresent();
  }

  @Test
  void aPulledImageOutlivesNeverPulledOnesCommittedAfterItAndPinnedOnesStayEvenWhenNothingElseIsLeft() {
    image(BASE, "latest", 10, 40_000);
    ManifestContent first = image(OLD, "v1", 11, 30_000);
    image(NEWER, "v1", 12, 30_000);
    store.recordPull(OLD, first.digest()); // pulled after `newer` was committed
    clock.advance(Duration.ofHours(1));

    QuotaReport report = quota(0, PIN_BASE).enforce();

    assertThat(report.evictions()).extracting(Eviction::repository).containsExactly(NEWER, OLD);
    assertThat(report.evictions().getFirst().lastPulled()).isEmpty();
    assertThat(report.evictions().get(1).lastPulled()).isPresent();
    assertThat(report.satisfied()).as("the pinned image is over the quota alone").isFalse();
    assertThat(store.tags(BASE)).containsExactly(Tag.of("latest"));
  }

  @Test
  void withinTheQuotaNothingIsEvicted() {
    image(OLD, "v1", 20, 30_000);
    long total = blobBytes();

    QuotaReport report = quota(total, List.of()).enforce();

    assertThat(report).isEqualTo(new QuotaReport(total, total, total, List.of()));
    assertThat(store.tags(OLD)).containsExactly(Tag.of("v1"));
  }

  @Test
  void anImageFreesOnlyWhatNoKeptImageSharesAndOnePulledWithinTheGracePeriodIsInUse() {
    BlobInfo shared = importer.blob(RandomContent.bytes(30, 50_000));
    ManifestContent old = image(OLD, "v1", 31, 1_000, shared);
    ManifestContent recent = image(PULLED, "v1", 32, 1_000, shared);
    ManifestContent newer = image(NEWER, "v1", 33, 1_000);
    clock.advance(Duration.ofHours(1));
    store.recordPull(PULLED, recent.digest()); // within the grace period: a client is pulling it now
    long total = blobBytes();

    QuotaReport report = quota(total - 1_500, List.of()).enforce();

    assertThat(report.evictions()).extracting(Eviction::repository).containsExactly(OLD, NEWER);
    assertThat(report.evictions().getFirst().bytes()).as("its config and own layer, not the layer it shares")
        .isEqualTo(blobBytesOf(OLD, old) - shared.size());
    assertThat(report.evictions().get(1).bytes()).isEqualTo(blobBytesOf(NEWER, newer));
    assertThat(store.tags(PULLED)).containsExactly(Tag.of("v1"));
    collect();
    assertThat(store.stat(shared.digest())).isPresent();
    assertThat(blobBytes()).isEqualTo(report.sizeAfter());
  }

  private long blobBytesOf(RepositoryName repository, ManifestContent manifest) {
    return store.manifestEntry(repository, manifest.digest()).orElseThrow().blobs().stream()
        .mapToLong(d -> store.stat(d).orElseThrow().size()).sum();
  }

  @Test
  void anImageWhoseBlobIsBeingIngestedIsInUseAndStays() {
    ManifestContent old = image(OLD, "v1", 40, 30_000);
    Digest layer = store.manifestEntry(OLD, old.digest()).orElseThrow().blobs().get(1);
    long total = blobBytes();
    try (BlobIngest again = store.openIngest(layer, store.stat(layer).orElseThrow().size(), "parent:library/other")) {
      QuotaReport report = quota(total / 2, List.of()).enforce();

      assertThat(report.evictions()).isEmpty();
      assertThat(store.tags(OLD)).containsExactly(Tag.of("v1"));
    }
  }

  /** A clock the test moves; the store records commit and pull times from it. */
  private static final class HandClock extends Clock {
    private final AtomicReference<Instant> now;

    HandClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
