package dev.outpost.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ListenAddress;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.tokens.StoreTokenAdmin;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which admin endpoints need the admin secret: everything that mutates; probes, metrics and status do not. */
class AdminAccessTest {
  @TempDir
  Path dir;
  LocalStore store;
  AdminServer server;
  final AdminSecret secret = AdminSecret.generate();
  final AtomicInteger resyncs = new AtomicInteger();
  final HttpClient http = HttpClient.newHttpClient();

  final AtomicBoolean ready = new AtomicBoolean(true);

  @BeforeEach
  void start() {
    store = RocksLocalStore.open(dir);
    server = AdminServer.start(new ListenAddress("127.0.0.1", 0), new AdminEndpoints(
        () -> new StatusReport(List.of()), ready::get, Optional.of(resyncs::incrementAndGet), () -> "# metrics\n",
        new StoreTokenAdmin(store), secret));
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void resyncWithoutTheSecretIsRefusedAndNotTriggered() throws Exception {
    HttpResponse<String> refused = send("POST", "/resync", Optional.empty());
    HttpResponse<String> wrong = send("POST", "/resync", Optional.of("not-the-secret"));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(resyncs).hasValue(0);
  }

  @Test
  void resyncWithTheSecretIsTriggered() throws Exception {
    HttpResponse<String> accepted = send("POST", "/resync", Optional.of(secret.bearerValue()));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(resyncs).hasValue(1);
  }

  @Test
  void probesMetricsAndStatusNeedNoSecret() throws Exception {
    for (String path : List.of("/healthz", "/readyz", "/metrics", "/status")) {
      assertThat(send("GET", path, Optional.empty()).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void readyzAnswers503WhileNotReadyAnd200Once() throws Exception {
    ready.set(false);
    HttpResponse<String> notReady = send("GET", "/readyz", Optional.empty());
    ready.set(true);
    HttpResponse<String> isReady = send("GET", "/readyz", Optional.empty());

    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(isReady.statusCode()).isEqualTo(200);
  }

  @Test
  void tokenListingNeedsTheSecretAndUnknownPathsAre404() throws Exception {
    assertThat(send("GET", "/tokens", Optional.empty()).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/tokens", Optional.of(secret.bearerValue())).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/nothing-here", Optional.empty()).statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> send(String method, String path, Optional<String> bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    bearer.ifPresent(b -> request.header("Authorization", "Bearer " + b));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
