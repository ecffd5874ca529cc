package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.agent.samples.SampleImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested Outposts (hub ← ship ← skopeo): the hub is the parent, the ship an Outpost syncing from it
 * with a client token scoped to {@code samples/hello} and a wildcard rule {@code samples/*}, skopeo
 * pulls from the ship with the ship's own client token. A token at each hop; the ship gets only what
 * its token on the hub allows, reports its status after each pass, and the hub lists it.
 */
class NestedOutpostsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  @TempDir
  Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private Path hubConfig;
  private Path shipConfig;
  private Path passwordFile;
  private OutpostRuntime hub;
  private OutpostRuntime ship;

  @BeforeEach
  void hub() throws Exception {
    hubConfig = Files.writeString(dir.resolve("hub.yaml"), """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(dir.resolve("hub-store")));
    try (LocalStore store = RocksLocalStore.open(dir.resolve("hub-store"))) {
      SampleImages.seed(store, 1);
    }
    hub = OutpostRuntime.start(new ConfigLoader(Map.of()).load(hubConfig), Clock.systemUTC());
    passwordFile = Files.writeString(dir.resolve("ship-password"),
        password(cli(hubConfig, "token", "create", "ship", "--repository", "samples/hello", "--json")));
  }

  @AfterEach
  void stop() {
    if (ship != null) {
      ship.close();
    }
    hub.close();
  }

  private void startShip() throws Exception {
    startShip("url: \"http://127.0.0.1:" + hub.registryPort() + "\"");
  }

  private void startShip(String parentAddresses) throws Exception {
    shipConfig = Files.writeString(dir.resolve("ship.yaml"), """
        storage: {path: "%s"}
        parent: {%s, username: ship, passwordFile: "%s"}
        sync: {repositories: ["samples/*"], passInterval: PT1S, reportAs: ship-1}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(dir.resolve("ship-store"), parentAddresses, passwordFile));
    ship = OutpostRuntime.start(new ConfigLoader(Map.of()).load(shipConfig), Clock.systemUTC());
  }

  @Test
  void theShipSyncsWhatItsTokenAllowsServesItAndTheHubListsTheShip() throws Exception {
    startShip();
    String pod = password(cli(shipConfig, "token", "create", "pod", "--repository", "samples/*", "--json"));
    String shipPassword = Files.readString(passwordFile);
    awaitReport(Instant.EPOCH);

    ToolRun.Result pulled = Skopeo.require().run("--insecure-policy", "copy", "--quiet", "--src-tls-verify=false",
        "--src-creds=pod:" + pod, "docker://127.0.0.1:" + ship.registryPort() + "/samples/hello:latest",
        "dir:" + Files.createDirectory(dir.resolve("pulled")));
    assertThat(pulled.exitCode()).as(pulled.stderr()).isZero();
    assertThat(catalog(ship.registryPort(), "pod", pod)).as("the ship holds only what its token on the hub allows")
        .isEqualTo("[\"samples/hello\"]");
    assertThat(status(ship.registryPort(), "/v2/samples/legacy/manifests/latest", "pod", pod)).isEqualTo(404);
    assertThat(catalog(hub.registryPort(), "ship", shipPassword)).isEqualTo("[\"samples/hello\"]");
    assertThat(status(hub.registryPort(), "/v2/samples/legacy/manifests/latest", "ship", shipPassword))
        .as("another repository of the hub, with the ship's token").isIn(401, 403);

    CliRun children = CliRun.of("status", "--children", "--config", hubConfig.toString());
    assertThat(children.exitCode()).as(children.toString()).isZero();
    assertThat(children.stdout()).containsPattern("ship-1 +ship +\\S+ \\S+ +\\S+ +\\S+ \\S+ +1 +0 +\\d+  http://127.0.0.1:"
        + hub.registryPort());
    CliRun shipStatus = CliRun.of("status", "--config", shipConfig.toString());
    assertThat(shipStatus.stdout()).contains("Last pass served by: http://127.0.0.1:" + hub.registryPort());
  }

  @Test
  void withSeveralParentAddressesStatusNamesTheOneThatServedTheLastPass() throws Exception {
    int down;
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      down = closed.getLocalPort();
    }
    startShip("urls: [\"http://127.0.0.1:" + down + "\", \"http://127.0.0.1:" + hub.registryPort() + "\"]");
    JsonNode report = awaitReport(Instant.EPOCH);
    assertThat(report.path("endpoint").asText()).startsWith("http://127.0.0.1:" + hub.registryPort());
    CliRun shipStatus = CliRun.of("status", "--json", "--config", shipConfig.toString());
    assertThat(JSON.readTree(shipStatus.stdout()).path("parent").asText())
        .startsWith("http://127.0.0.1:" + hub.registryPort());
  }

  @Test
  void aTokenWithoutMetadataReadMayNotReport() throws Exception {
    String blind = password(cli(hubConfig, "token", "create", "blind", "--repository", "samples/hello",
        "--actions", "content/read", "--json"));
    String report = "{\"name\":\"x\",\"repositoriesSynced\":1,\"repositoriesFailed\":0,\"bytes\":1}";
    assertThat(post(blind, "blind", report)).isEqualTo(403);
    assertThat(post("wrong", "ship", report)).isEqualTo(401);
    assertThat(post(Files.readString(passwordFile), "ship", "{\"name\":\"x\",\"password\":\"p\"}"))
        .as("not a report").isEqualTo(400);
    assertThat(post(Files.readString(passwordFile), "ship", report)).isEqualTo(202);
    assertThat(cli(hubConfig, "status", "--children")).contains("x ").contains(" ship ");
  }

  @Test
  void theHubsPasswordIsRotatedAndTheFileRewrittenMidRunTheNextPassSucceeds() throws Exception {
    startShip();
    awaitReport(Instant.EPOCH);
    String rotated = password(cli(hubConfig, "token", "rotate", "ship", "--slot", "1", "--json"));
    Instant rewritten = Instant.now();
    Files.writeString(passwordFile, rotated);
    JsonNode after = awaitReport(rewritten);
    assertThat(after.path("repositoriesFailed").asInt()).isZero();
    assertThat(Instant.parse(after.path("lastSuccess").asText())).isAfter(rewritten);
  }

  /** The hub's stored report of the ship once it was received after {@code since} and the pass was complete. */
  private JsonNode awaitReport(Instant since) throws Exception {
    Path file = dir.resolve("hub-store/children/ship.json");
    await(() -> {
      try {
        JsonNode report = JSON.readTree(Files.readString(file));
        return Instant.parse(report.path("receivedAt").asText()).isAfter(since)
            && report.path("repositoriesSynced").asInt() == 1 && report.hasNonNull("lastSuccess")
            && Instant.parse(report.path("lastSuccess").asText()).isAfter(since);
      } catch (Exception e) {
        return false;
      }
    });
    return JSON.readTree(Files.readString(file));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private String catalog(int port, String user, String password) throws Exception {
    HttpResponse<String> r = http.send(request(port, "/v2/_catalog", user, password).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("repositories").toString();
  }

  private int status(int port, String path, String user, String password) throws Exception {
    return http.send(request(port, path, user, password).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int post(String password, String user, String body) throws Exception {
    return http.send(request(hub.registryPort(), "/outpost/v1/children/report", user, password)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static HttpRequest.Builder request(int port, String path, String user, String password) {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Basic " + basic);
  }

  private static String cli(Path config, String... args) {
    String[] withConfig = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--config", config.toString())).toArray(String[]::new);
    CliRun run = CliRun.of(withConfig);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run.stdout();
  }

  private static String password(String json) throws Exception {
    return JSON.readTree(json).path("password").asText();
  }
}
