package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout storm leaves no trace in the address space: after 200 downloads of one blob (16 at a
 * time) the process maps the blob file at most a few times, whatever the number of downloads, and
 * every body hashes to the digest. The server runs in this JVM, so {@code /proc/self/maps} is the
 * server's. Before blob bodies stopped being memory-mapped per request, each download left a
 * mapping alive until a garbage collection (about one per download here: the heap barely moves).
 */
class BoundedMappingsTest {
  private static final long BLOB_SIZE = 3L * 1024 * 1024 + 5;
  private static final int DOWNLOADS = 200;
  private static final int CLIENTS = 16;
  /** Whatever the transfer path, more than this many live mappings of one file is a mapping per request. */
  private static final int MAX_MAPPINGS = 4;

  @TempDir
  Path dir;

  @Test
  void manyDownloadsOfOneBlobLeaveABoundedNumberOfMappings() throws Exception {
    try (TestRegistry registry = new TestRegistry(dir)) {
      Seeder seeder = new Seeder(registry.store);
      BlobInfo blob = seeder.randomBlob(BLOB_SIZE, 1111);
      seeder.manifest("library/storm", seeder.bareManifest(seeder.blob("{\"storm\":1}".getBytes(StandardCharsets.UTF_8)),
          blob), "latest");
      String path = "/v2/library/storm/blobs/" + blob.digest();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      List<Digest> served = new ArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Digest>> downloads = new ArrayList<>();
        for (int i = 0; i < DOWNLOADS; i++) {
          downloads.add(clients.submit(() -> download(client, registry, path)));
        }
        for (Future<Digest> download : downloads) {
          served.add(download.get());
        }
      } finally {
        clients.shutdown();
      }

      assertThat(served).hasSize(DOWNLOADS).containsOnly(blob.digest());
      assertThat(mappingsOf(registry.store.blobPath(blob.digest())))
          .as("live mappings of the blob file after %d downloads", DOWNLOADS).isLessThanOrEqualTo(MAX_MAPPINGS);
    }
  }

  private static Digest download(HttpClient client, TestRegistry registry, String path) throws Exception {
    HttpResponse<InputStream> response = client.send(
        registry.http.request(path).header("Authorization", TestRegistry.basic("all")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    MessageDigest sha256 = Digest.newSha256();
    try (InputStream body = response.body()) {
      assertThat(BodyReads.intoDigest(body, sha256, Long.MAX_VALUE)).isEqualTo(BLOB_SIZE);
    }
    return Digest.fromSha256Bytes(sha256.digest());
  }

  /** Lines of /proc/self/maps naming {@code file} (one per live mapping of it). */
  private static long mappingsOf(Path file) {
    try {
      String name = file.toRealPath().toString(); // the kernel names the file by its resolved path
      return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.endsWith(name)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
