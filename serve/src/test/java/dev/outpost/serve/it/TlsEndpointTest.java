package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.serve.RegistryServer;
import dev.outpost.serve.ServeSettings;
import dev.outpost.serve.tls.ServerCredentials;
import dev.outpost.serve.tls.TestPki;
import dev.outpost.serve.tls.TlsMaterialException;
import dev.outpost.serve.tls.TlsSettings;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint over HTTPS with a site CA, and certificate rotation without a restart. */
class TlsEndpointTest {
  @TempDir
  Path dir;

  @Test
  void servesHttpsAndChallengesWithAnHttpsRealm() {
    TestPki pki = new TestPki(dir.resolve("tls"));
    ServerCredentials first = pki.issue();
    try (TestRegistry registry = new TestRegistry(dir.resolve("store"), pki.mount(first, Duration.ofHours(1)), pki)) {
      int port = registry.server.port();

      HttpResponse<byte[]> authorized = registry.http.get("/v2/", TestRegistry.basic("all"));
      HttpResponse<byte[]> anonymous = registry.http.send(registry.http.request("/v2/"));

      assertThat(registry.server.scheme()).isEqualTo("https");
      assertThat(authorized.statusCode()).isEqualTo(200);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer realm=\"https://127.0.0.1:" + port + "/oauth2/token\"");
      assertThat(pki.servedSerial(port)).isEqualTo(first.serial());
    }
  }

  @Test
  void aClientThatDoesNotTrustTheSiteCaIsRefused() {
    TestPki pki = new TestPki(dir.resolve("tls"));
    try (TestRegistry registry = new TestRegistry(dir.resolve("store"), pki.mount(pki.issue(), Duration.ofHours(1)), pki)) {
      HttpClient systemTrust = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + registry.server.port() + "/v2/")).build();

      assertThatThrownBy(() -> systemTrust.send(request, HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void unusableFilesStopTheStartNamingTheFile() throws IOException {
    TestPki pki = new TestPki(dir.resolve("tls"));
    TlsSettings tls = pki.mount(pki.issue(), Duration.ofHours(1));
    Path otherKey = Files.writeString(dir.resolve("other.key"),
        dev.outpost.serve.tls.PemText.privateKey(pki.issue().key()));
    ServeSettings settings = new ServeSettings("127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(5))
        .withTls(new TlsSettings(tls.certFile(), otherKey));

    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      assertThatThrownBy(() -> RegistryServer.start(settings, store, store, store, new SimpleMeterRegistry(), Clock.systemUTC()))
          .isInstanceOf(TlsMaterialException.class).hasMessageContaining(otherKey.toString());
    }
  }

  @Test
  void aRotatedCertificateIsServedToNewConnectionsWithoutARestart() {
    TestPki pki = new TestPki(dir.resolve("tls"));
    ServerCredentials first = pki.issue();
    try (TestRegistry registry = new TestRegistry(dir.resolve("store"), pki.mount(first, Duration.ofMillis(100)), pki)) {
      int port = registry.server.port();
      assertThat(pki.servedSerial(port)).isEqualTo(first.serial());
      ServerCredentials second = pki.issue();

      pki.rotate(second);

      assertThat(awaitServedSerial(pki, port, second.serial())).isEqualTo(second.serial());
      assertThat(registry.http.get("/v2/", TestRegistry.basic("all")).statusCode()).isEqualTo(200);
    }
  }

  /** Polls new connections until {@code expected} is served; a generous deadline, not a timing assertion. */
  static BigInteger awaitServedSerial(TestPki pki, int port, BigInteger expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    BigInteger served = pki.servedSerial(port);
    while (!served.equals(expected) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      served = pki.servedSerial(port);
    }
    return served;
  }
}
