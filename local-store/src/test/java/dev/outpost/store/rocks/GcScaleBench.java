package dev.outpost.store.rocks;

import dev.outpost.store.LocalStore;
import dev.outpost.store.gc.GarbageCollector;
import dev.outpost.store.gc.GcReport;
import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Benchmark program (not a test): garbage collection of a synthetic store of {@code blobs} tiny
 * blobs and {@code repos x tagsPerRepo} tags over {@code 2 x repos} image manifests (most tags
 * share a manifest), of which 10% of the blobs and of the manifests are unreferenced. Prints the
 * build time, a dry run's time (mark and enumeration, no deletion), the real run's time (the same
 * plus the deletions) and the peak RSS of this process (VmHWM). Run by scripts/bench/gc-scale.sh.
 *
 * <p>The store is built by a test-only bulk path: blob files written directly and index records
 * in large WriteBatches through the store's own codecs, so a million tags take seconds, not a
 * synced write each. The layout: manifest {@code m} has its own config blob and
 * {@value #LAYERS_PER_MANIFEST} layers drawn from a shared pool; repository {@code r} holds
 * manifests {@code 2r} and {@code 2r+1}, its tags split between them, except in the first
 * {@code repos/10} repositories, whose tags all point at {@code 2r}: their {@code 2r+1} are the
 * unreferenced manifests. The last 10% of the layer pool is referenced by no manifest.
 *
 * <p>Arguments: {@code <empty directory> [blobs=100000] [repos=10000] [tagsPerRepo=100]}.
 */
public final class GcScaleBench {
  private static final int LAYERS_PER_MANIFEST = 4;
  private static final int BATCH_ENTRIES = 20_000;
  private static final Duration GRACE = Duration.ofHours(1);

  private GcScaleBench() {}

  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    int blobs = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int repos = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int tagsPerRepo = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    long start = System.nanoTime();
    Layout layout = build(data, blobs, repos, tagsPerRepo);
    System.out.printf("build: %d blobs, %d manifests, %d tags in %.1f s%n", layout.blobs.size(), layout.manifests,
        (long) repos * tagsPerRepo, seconds(start));
    try (LocalStore store = RocksLocalStore.open(data)) {
      start = System.nanoTime();
      GcReport dry = collector(store).collect(true);
      System.out.printf("gc dry run (mark + enumerate): %.2f s, would remove %d manifests, %d blobs%n", seconds(start),
          dry.manifests(), dry.blobs());
      start = System.nanoTime();
      GcReport real = collector(store).collect(false);
      System.out.printf("gc (mark + sweep): %.2f s, removed %d manifests, %d blobs, %d bytes%n", seconds(start),
          real.manifests(), real.blobs(), real.bytesFreed());
    }
    System.out.println("peak RSS (VmHWM): " + vmHwm());
  }

  private static GarbageCollector collector(LocalStore store) {
    return new GarbageCollector(store, GRACE, new PartialPolicy(List.of(), Duration.ofDays(7)), Clock.systemUTC());
  }

  record Layout(List<Digest> blobs, int manifests) {}

  /** Builds the synthetic store described above in {@code data} (empty or absent); LookupScaleBench reuses it. */
  static Layout build(Path data, int blobCount, int repos, int tagsPerRepo) throws IOException {
    Instant old = Instant.now().minus(Duration.ofDays(1));
    int manifests = 2 * repos;
    int pool = blobCount - manifests; // configs are one per manifest, the rest is the layer pool
    if (pool < LAYERS_PER_MANIFEST * 2) {
      throw new IllegalArgumentException("too few blobs for " + manifests + " manifests: " + blobCount);
    }
    int referencedPool = pool - pool / 10;
    BlobFiles files = new BlobFiles(data);
    files.createDirectories();
    List<Digest> blobs = new ArrayList<>(blobCount);
    RocksIndex index = RocksIndex.open(data.resolve("index"));
    try (Batches batches = new Batches(index)) {
      IndexFormat.upgrade(index);
      for (int i = 0; i < blobCount; i++) {
        byte[] content = blobContent(i);
        Digest digest = Digest.sha256(content);
        Path path = files.blobPath(digest);
        Files.createDirectories(path.getParent());
        Files.write(path, content);
        blobs.add(digest);
        batches.add(b -> b.put(Family.BLOBS, KeyCodec.blob(digest), BlobRecordCodec.encode(new BlobRecord(content.length, old))));
      }
      for (int r = 0; r < repos; r++) {
        RepositoryName repository = RepositoryName.of("bench/r" + r);
        Digest first = manifest(batches, repository, 2 * r, blobs, manifests, referencedPool, old);
        Digest second = manifest(batches, repository, 2 * r + 1, blobs, manifests, referencedPool, old);
        boolean untaggedSecond = r < repos / 10;
        for (int t = 0; t < tagsPerRepo; t++) {
          Digest target = untaggedSecond || t % 2 == 0 ? first : second;
          Tag tag = Tag.of("t" + t);
          batches.add(b -> b.put(Family.TAGS, KeyCodec.tag(repository, tag), TagValueCodec.encode(target)));
        }
      }
    } finally {
      index.close();
    }
    return new Layout(blobs, manifests);
  }

  private static Digest manifest(Batches batches, RepositoryName repository, int m, List<Digest> blobs, int manifests,
      int referencedPool, Instant committedAt) {
    List<Integer> indexes = new ArrayList<>();
    indexes.add(m); // its config
    for (int l = 0; l < LAYERS_PER_MANIFEST; l++) {
      indexes.add(manifests + (m * LAYERS_PER_MANIFEST + l) % referencedPool);
    }
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"").append(MediaType.OCI_MANIFEST)
        .append("\",\"config\":").append(descriptor(MediaType.OCI_CONFIG, blobs, indexes.getFirst()))
        .append(",\"layers\":[");
    for (int l = 1; l < indexes.size(); l++) {
      json.append(l > 1 ? "," : "").append(descriptor(MediaType.OCI_LAYER_TAR_GZIP, blobs, indexes.get(l)));
    }
    byte[] bytes = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(bytes);
    List<Digest> children = indexes.stream().map(blobs::get).toList();
    ManifestRecord record = new ManifestRecord(MediaType.OCI_MANIFEST, bytes, children, List.of(), Optional.empty(),
        committedAt);
    batches.add(b -> {
      b.put(Family.MANIFESTS, KeyCodec.manifest(repository, digest), ManifestRecordCodec.encode(record));
      children.forEach(c -> b.put(Family.REPO_BLOBS, KeyCodec.repositoryBlob(repository, c, digest), new byte[0]));
    });
    return digest;
  }

  /** Blob {@code i}: a few bytes of its own, so every blob has its own digest. */
  private static byte[] blobContent(int i) {
    return ("blob " + i + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String descriptor(MediaType type, List<Digest> blobs, int i) {
    return "{\"mediaType\":\"" + type + "\",\"digest\":\"" + blobs.get(i) + "\",\"size\":" + blobContent(i).length + "}";
  }

  /** Index changes gathered into WriteBatches of {@value #BATCH_ENTRIES} changes, one write each. */
  private static final class Batches implements AutoCloseable {
    private final RocksIndex index;
    private final List<Consumer<IndexBatch>> pending = new ArrayList<>();

    Batches(RocksIndex index) {
      this.index = index;
    }

    void add(Consumer<IndexBatch> change) {
      pending.add(change);
      if (pending.size() >= BATCH_ENTRIES) {
        flush();
      }
    }

    private void flush() {
      if (!pending.isEmpty()) {
        List<Consumer<IndexBatch>> changes = List.copyOf(pending);
        pending.clear();
        index.write("bench bulk load", b -> changes.forEach(c -> c.accept(b)));
      }
    }

    @Override
    public void close() {
      flush();
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String vmHwm() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
        .map(l -> l.substring("VmHWM:".length()).trim()).findFirst().orElse("unknown");
  }
}
