package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.serve.tls.ServerCredentials;
import dev.outpost.serve.tls.TestPki;
import dev.outpost.store.BlobInfo;
import dev.outpost.store.model.Digest;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cert-manager rotates the certificate while a node pulls a large layer: the pull in flight must
 * finish intact on the connection it started on, and the next connection must get the new
 * certificate. The client here is deliberately slow: it reads part of the blob, stops reading
 * (TCP flow control holds the server's writes), waits until a new connection is served the
 * rotated certificate, then reads the rest. So the pull spans the rotation by construction, not
 * by a race with the clock.
 */
class TlsRotationDuringPullTest {
  private static final long BLOB_SIZE = 200L * 1024 * 1024;
  private static final int READ_BEFORE_ROTATION = 16 * 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void aPullInFlightCompletesIntactAcrossARotationAndTheNextConnectionSeesTheNewCertificate() throws Exception {
    TestPki pki = new TestPki(dir.resolve("tls"));
    ServerCredentials first = pki.issue();
    try (TestRegistry registry = new TestRegistry(dir.resolve("store"), pki.mount(first, Duration.ofMillis(100)), pki)) {
      Seeder seeder = new Seeder(registry.store);
      BlobInfo big = seeder.randomBlob(BLOB_SIZE, 2026);
      seeder.manifest("library/big", seeder.bareManifest(seeder.blob("{}".getBytes(StandardCharsets.UTF_8)), big), "latest");
      int port = registry.server.port();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(pki.clientContext()).build();
      HttpRequest get = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v2/library/big/blobs/" + big.digest()))
          .header("Authorization", TestRegistry.basic("all")).build();

      HttpResponse<InputStream> response = client.send(get, HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest sha256 = Digest.newSha256();
      long received;
      ServerCredentials second;
      BigInteger servedToNewConnections;
      try (InputStream body = response.body()) {
        received = BodyReads.intoDigest(body, sha256, READ_BEFORE_ROTATION);
        second = pki.issue();
        pki.rotate(second);
        servedToNewConnections = TlsEndpointTest.awaitServedSerial(pki, port, second.serial());
        received += BodyReads.intoDigest(body, sha256, Long.MAX_VALUE);
      }

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(received).isEqualTo(BLOB_SIZE);
      assertThat(Digest.fromSha256Bytes(sha256.digest())).isEqualTo(big.digest());
      assertThat(((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber())
          .as("the pull in flight kept the certificate it started with").isEqualTo(first.serial());
      assertThat(servedToNewConnections).as("a new connection after the rotation").isEqualTo(second.serial());
    }
  }
}
