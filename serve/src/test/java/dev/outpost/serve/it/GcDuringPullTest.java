package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.gc.GarbageCollector;
import dev.outpost.store.gc.GcReport;
import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.store.gc.Removal;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 MiB pull through the real registry endpoint is in progress when garbage collection sweeps
 * its blob (the tag removed, the content older than the grace period): the sweep removes the
 * blob's record and file, new requests no longer find it, and the pull in flight still completes
 * with every byte right, since the server's open file handle outlives the name. The client is
 * slow by construction: it reads a part, stops reading while the collection runs, then reads the rest.
 */
class GcDuringPullTest {
  private static final long BLOB_SIZE = 200L * 1024 * 1024;
  private static final int READ_BEFORE_GC = 16 * 1024 * 1024;
  private static final RepositoryName BIG = RepositoryName.of("library/big");

  @TempDir
  Path dir;

  @Test
  void aPullInFlightCompletesWithTheRightBytesWhileGcSweepsItsBlob() throws Exception {
    try (TestRegistry registry = new TestRegistry(dir)) {
      Seeder seeder = new Seeder(registry.store);
      BlobInfo big = seeder.randomBlob(BLOB_SIZE, 7007);
      seeder.manifest("library/big", seeder.bareManifest(seeder.blob("{\"big\":1}".getBytes(StandardCharsets.UTF_8)), big),
          "latest");
      String blobPath = "/v2/library/big/blobs/" + big.digest();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      HttpResponse<InputStream> response = client.send(
          registry.http.request(blobPath).header("Authorization", TestRegistry.basic("all")).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest sha256 = Digest.newSha256();
      long received;
      GcReport report;
      List<Removal> removed = new ArrayList<>();
      try (InputStream body = response.body()) {
        received = BodyReads.intoDigest(body, sha256, READ_BEFORE_GC);
        registry.store.removeTag(BIG, Tag.of("latest"));
        Clock dayLater = Clock.fixed(registry.clock.instant().plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
        report = new GarbageCollector(registry.store, Duration.ofHours(1), new PartialPolicy(List.of(), Duration.ofDays(7)),
            dayLater).collect(false, removed::add);

        assertThat(removed).contains(new Removal.Blob(big.digest(), BLOB_SIZE));
        assertThat(registry.store.blobPath(big.digest())).as("the sweep removed the file's name").doesNotExist();
        assertThat(registry.http.head(blobPath, TestRegistry.basic("all")).statusCode())
            .as("a new request no longer finds the blob").isEqualTo(404);
        received += BodyReads.intoDigest(body, sha256, Long.MAX_VALUE);
      }

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(received).isEqualTo(BLOB_SIZE);
      assertThat(Digest.fromSha256Bytes(sha256.digest())).isEqualTo(big.digest());
      assertThat(report.bytesFreed()).isGreaterThanOrEqualTo(BLOB_SIZE);
    }
  }
}
