package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rollout, bounded by count rather than wall clock so CI's time stays predictable: 64 clients,
 * each on its own connection with a bearer token of its own, pull a manifest {@value #MANIFESTS_PER_ROUND}
 * times and a 100 MiB blob once, for {@value #ROUNDS} rounds (64 x {@value #ROUNDS} blob downloads,
 * 12.5 GiB on the wire). Zero errors; every manifest body and every {@value #HASH_EVERY}th blob body
 * hash to their digest (hashing all 12.5 GiB would double the test's CPU on CI's two cores), every
 * other blob body has exactly the blob's length. The server runs in this JVM, so {@code /proc/self}
 * is the server's memory; it is sampled during the load and read again after it.
 *
 * <p>Bounds, and why: the blob file is mapped at most {@value #MAX_MAPPINGS} times during and after
 * (a mapping per download would be up to 64 at once, more until a GC); file-backed RSS grows by at
 * most {@value #MAX_FILE_GROWTH_MIB} MiB over what the JVM had before the load (its own jars and
 * libraries; the blob counted twice at most: a mapping per download counts it up to 64 times, 6.4
 * GiB); anonymous RSS stays under the heap's maximum plus {@value #MAX_OFF_HEAP_MIB} MiB (heap cannot
 * pass its maximum; metaspace, code, ~200 thread stacks and Jetty's pooled buffers fit well within
 * the rest, while an off-heap copy per download would not). Generous on purpose: the test must catch
 * memory that grows with the downloads, not measure the collector.
 */
class RolloutLoadTest {
  private static final Logger LOG = LoggerFactory.getLogger(RolloutLoadTest.class);
  private static final long BLOB_SIZE = 100L * 1024 * 1024;
  private static final int CLIENTS = 64;
  private static final int ROUNDS = 2;
  private static final int MANIFESTS_PER_ROUND = 10;
  private static final int HASH_EVERY = 8;
  private static final int MAX_MAPPINGS = 4;
  private static final long MAX_FILE_GROWTH_MIB = 256;
  private static final long MAX_OFF_HEAP_MIB = 1024;
  private static final String REPOSITORY = "library/rollout";

  @TempDir
  Path dir;

  @Test
  void sixtyFourClientsPullWithoutErrorsAndMemoryDoesNotGrowWithTheDownloads() throws Exception {
    try (TestRegistry registry = new TestRegistry(dir)) {
      Seeder seeder = new Seeder(registry.store);
      BlobInfo blob = seeder.randomBlob(BLOB_SIZE, 2026);
      Digest manifest = seeder.manifest(REPOSITORY,
          seeder.bareManifest(seeder.blob("{\"rollout\":1}".getBytes(StandardCharsets.UTF_8)), blob), "v1");
      Path blobFile = registry.store.blobPath(blob.digest());
      MemorySample before = MemorySample.of(blobFile);

      List<Tally> tallies = new ArrayList<>();
      MemorySample during;
      try (MemoryWatch watch = new MemoryWatch(blobFile, 50)) {
        tallies.addAll(runClients(registry, manifest, blob));
        during = watch.peak();
      }
      MemorySample after = MemorySample.of(blobFile);
      Tally total = tallies.stream().reduce(Tally.NONE, Tally::plus);
      LOG.info("rollout load: {} clients, {} manifest GETs, {} blob GETs ({} hashed); before: {}; peak during: {}; "
          + "after: {}", CLIENTS, total.manifests, total.blobs, total.hashedBlobs, before, during, after);

      assertThat(total.errors).as("errors seen by the clients").isEmpty();
      assertThat(total.manifests).isEqualTo(CLIENTS * ROUNDS * MANIFESTS_PER_ROUND);
      assertThat(total.blobs).isEqualTo(CLIENTS * ROUNDS);
      assertThat(total.hashedBlobs).isEqualTo(CLIENTS * ROUNDS / HASH_EVERY);
      assertThat(during.mappings()).as("peak mappings of the blob file during the load").isLessThanOrEqualTo(MAX_MAPPINGS);
      assertThat(after.mappings()).as("mappings of the blob file after the load").isLessThanOrEqualTo(MAX_MAPPINGS);
      assertThat(during.fileKib() - before.fileKib()).as("growth of file-backed RSS (KiB) during the load")
          .isLessThanOrEqualTo(MAX_FILE_GROWTH_MIB << 10);
      long maxAnonKib = (Runtime.getRuntime().maxMemory() >> 10) + (MAX_OFF_HEAP_MIB << 10);
      assertThat(during.anonKib()).as("peak anonymous RSS (KiB) during the load").isLessThanOrEqualTo(maxAnonKib);
      assertThat(during.rssKib()).as("peak RSS (KiB) during the load")
          .isLessThanOrEqualTo(maxAnonKib + before.fileKib() + (MAX_FILE_GROWTH_MIB << 10));
    }
  }

  /** Starts the clients together (a latch) and returns what each saw. */
  private static List<Tally> runClients(TestRegistry registry, Digest manifest, BlobInfo blob) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Tally>> clients = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        clients.add(pool.submit(() -> {
          String bearer = "Bearer " + AuthFlowTest.token(registry, "all", "repository:" + REPOSITORY + ":pull");
          start.await();
          return new RolloutClient(registry, bearer, client).pull(manifest, blob);
        }));
      }
      start.countDown();
      List<Tally> tallies = new ArrayList<>();
      for (Future<Tally> client : clients) {
        tallies.add(client.get());
      }
      return tallies;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What one client (or all of them, summed) did and what went wrong. */
  private record Tally(int manifests, int blobs, int hashedBlobs, List<String> errors) {
    static final Tally NONE = new Tally(0, 0, 0, List.of());

    Tally plus(Tally other) {
      List<String> all = new ArrayList<>(errors);
      all.addAll(other.errors);
      return new Tally(manifests + other.manifests, blobs + other.blobs, hashedBlobs + other.hashedBlobs, all);
    }
  }

  /**
   * One client: its own {@link HttpClient} (so its own connection), its own bearer token. Records a
   * failure instead of throwing, so one bad answer does not hide the others.
   */
  private record RolloutClient(TestRegistry registry, String bearer, int index) {
    Tally pull(Digest manifest, BlobInfo blob) {
      int manifests = 0;
      int blobs = 0;
      int hashed = 0;
      List<String> errors = new ArrayList<>();
      try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
        for (int round = 0; round < ROUNDS; round++) {
          for (int i = 0; i < MANIFESTS_PER_ROUND; i++) {
            check(errors, "manifest", fetch(client, "/v2/" + REPOSITORY + "/manifests/v1", true), manifest, -1);
            manifests++;
          }
          boolean hash = (index * ROUNDS + round) % HASH_EVERY == 0;
          check(errors, "blob", fetch(client, "/v2/" + REPOSITORY + "/blobs/" + blob.digest(), hash), hash
              ? blob.digest() : null, BLOB_SIZE);
          blobs++;
          hashed += hash ? 1 : 0;
        }
      } catch (Exception e) {
        errors.add("client " + index + ": " + e);
      }
      return new Tally(manifests, blobs, hashed, errors);
    }

    /** Status, length and (when {@code hash}) the sha256 of one GET's body. */
    private Fetched fetch(HttpClient client, String path, boolean hash) throws Exception {
      HttpResponse<InputStream> response = client.send(registry.http.request(path)
          .header("Authorization", bearer).header("Accept", MediaType.OCI_MANIFEST.value() + ", */*").build(),
          HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest sha256 = Digest.newSha256();
      long length;
      try (InputStream body = response.body()) {
        length = hash ? BodyReads.intoDigest(body, sha256, Long.MAX_VALUE) : body.transferTo(OutputStream.nullOutputStream());
      }
      return new Fetched(response.statusCode(), length, hash ? Digest.fromSha256Bytes(sha256.digest()) : null);
    }

    private void check(List<String> errors, String what, Fetched got, Digest digest, long length) {
      if (got.status != 200 || (length >= 0 && got.length != length) || (digest != null && !digest.equals(got.digest))) {
        errors.add("client %d, %s: status %d, %d bytes, %s".formatted(index, what, got.status, got.length, got.digest));
      }
    }
  }

  private record Fetched(int status, long length, Digest digest) {}
}
