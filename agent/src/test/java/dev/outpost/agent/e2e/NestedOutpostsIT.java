package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nested Outposts as three kinds of real process, credentials at each hop: Debian's {@code docker-registry}
 * (htpasswd) is the cloud; the hub, an {@code outpost run} of the built jar, syncs everything from it; the ship,
 * a second {@code outpost run}, has the hub as its parent with a hub token for {@code team/app} only
 * ({@code content/read}, {@code metadata/read}) and asks for {@code team/*} and {@code other/x};
 * skopeo pulls from the ship with a ship token. The ship must hold exactly what its hub token allows
 * and say what it was refused, and the hub's {@code outpost status --children} lists the ship.
 *
 * <p>The processes are started once ({@link #cloudHubAndShip}); the tests only read, in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NestedOutpostsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final List<String> CLOUD_REPOSITORIES = List.of("team/app", "team/secret", "other/x");

  private Path work;
  private Skopeo skopeo;
  private Skopeo cloudClient;
  private DockerRegistryProcess cloud;
  private OutpostProcess hub;
  private OutpostProcess ship;
  private Path hubConfig;
  private Path shipConfig;
  private final Map<String, Image> images = new TreeMap<>();
  private Instant shipStarted;
  private String podPassword;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void cloudHubAndShip(@TempDir Path dir) throws Exception {
    work = dir;
    skopeo = Skopeo.require();
    String cloudPassword = "cloud-" + UUID.randomUUID();
    cloud = DockerRegistryProcess.startWithBasicAuth(work.resolve("cloud"), "hub", cloudPassword);
    cloudClient = skopeo.withCredentials("hub", cloudPassword);
    RandomImages random = new RandomImages(10);
    for (String repository : CLOUD_REPOSITORIES) {
      images.put(repository, random.ociImage(16 * 1024));
      cloudClient.push(images.get(repository), cloud.hostPort(), repository, "v1");
    }

    hubConfig = Files.writeString(work.resolve("hub.yaml"), """
        storage: {path: "%s"}
        parent: {url: "%s", username: hub, password: "%s"}
        sync: {repositories: ["team/*", "other/x"], passInterval: PT1S}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(work.resolve("hub-store"), cloud.url(), cloudPassword));
    hub = OutpostProcess.startRun(work, hubConfig);
    // The ship starts only once the hub holds all three, so what it lacks is its token's doing.
    awaitStatus(hub, "the hub synced " + CLOUD_REPOSITORIES,
        status -> states(status).keySet().containsAll(CLOUD_REPOSITORIES)
            && states(status).values().stream().allMatch("synced"::equals));

    Path shipPassword = Files.writeString(work.resolve("ship-password"), OutpostProcess.createToken(work, hubConfig,
        "ship", "--repository", "team/app", "--actions", "content/read,metadata/read"));
    shipConfig = Files.writeString(work.resolve("ship.yaml"), """
        storage: {path: "%s"}
        parent: {url: "http://127.0.0.1:%d", username: ship, passwordFile: "%s"}
        sync: {repositories: ["team/*", "other/x"], passInterval: PT1S, reportAs: ship-1}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(work.resolve("ship-store"), hub.registryPort(), shipPassword));
    shipStarted = Instant.now();
    ship = OutpostProcess.startRun(work, shipConfig);
    podPassword = OutpostProcess.createToken(work, shipConfig, "pod", "--repository", "team/*",
        "--repository", "other/x");
    awaitStatus(ship, "a pass of the ship", status -> status.path("sync").hasNonNull("lastPassSeconds"));
    awaitShipReport();
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (AutoCloseable process : new AutoCloseable[] {ship, hub, cloud}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void theShipHoldsExactlyWhatItsTokenOnTheHubAllowsAndSaysWhatWasRefused() throws Exception {
    // The ship passes every second: read its status between two passes, not while one says "syncing".
    JsonNode status = awaitStatus(ship, "the ship between passes",
        s -> states(s).values().stream().noneMatch("syncing"::equals));

    assertThat(states(status)).as("the ship's repositories (team/secret is not listed to its token)")
        .containsOnlyKeys("team/app", "other/x").containsEntry("team/app", "synced").containsEntry("other/x", "failed");
    assertThat(repository(status, "other/x").path("lastError").asText()).as("why other/x is missing")
        .contains("other/x").containsPattern("HTTP 40[13]");
    assertThat(catalog(ship.registryPort(), "pod", podPassword)).containsExactly("team/app");
    assertThat(ship.log()).doesNotContain("Exception in thread");
  }

  @Test
  void skopeoPullsFromTheShipTheCloudsDigest() throws Exception {
    Path pulled = work.resolve("pulled-app");

    ToolRun.Result copy = pullFromShip("team/app", "dir:" + pulled);

    assertThat(copy.exitCode()).as(copy.stderr()).isZero();
    Digest cloudDigest = Digest.sha256(cloudClient.inspectRaw(cloud.hostPort(), "team/app", "v1"));
    assertThat(cloudDigest).isEqualTo(images.get("team/app").digest());
    assertThat(Digest.sha256(Files.readAllBytes(pulled.resolve("manifest.json")))).isEqualTo(cloudDigest);
  }

  @Test
  void aRepositoryTheShipDidNotGetCannotBePulledFromIt() throws Exception {
    for (String repository : List.of("team/secret", "other/x")) {
      ToolRun.Result copy = pullFromShip(repository, "dir:" + work.resolve("refused-" + repository.replace('/', '-')));

      assertThat(copy.exitCode()).as("pulling %s from the ship", repository).isNotZero();
      assertThat(copy.stderr().toLowerCase()).as(repository).containsAnyOf("manifest unknown", "name unknown",
          "not found");
    }
  }

  @Test
  void theHubListsTheShipAsCurrent() throws Exception {
    OutpostProcess.Result table = OutpostProcess.exec(work, null, "status", "--children", "--config",
        hubConfig.toString());
    OutpostProcess.Result json = OutpostProcess.exec(work, null, "status", "--children", "--json", "--config",
        hubConfig.toString());

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.stdout()).containsPattern("(?m)^ship-1 +ship +.* 1 +1 +\\d+  http://127\\.0\\.0\\.1:"
        + hub.registryPort() + "/?$");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode children = JSON.readTree(json.stdout());
    assertThat(children).hasSize(1);
    assertThat(children.get(0).path("name").asText()).isEqualTo("ship-1");
    assertThat(Instant.parse(children.get(0).path("receivedAt").asText())).as("reported after the ship started")
        .isAfter(shipStarted);
  }

  private ToolRun.Result pullFromShip(String repository, String destination) throws Exception {
    return skopeo.run("--insecure-policy", "copy", "--quiet", "--preserve-digests", "--src-tls-verify=false",
        "--src-creds=pod:" + podPassword, "docker://127.0.0.1:" + ship.registryPort() + "/" + repository + ":v1",
        destination);
  }

  /** Polls the running Outpost's {@code GET /status} until {@code done} holds, for at most {@link #PATIENCE}. */
  private JsonNode awaitStatus(OutpostProcess outpost, String what, Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    JsonNode status = JSON.readTree(admin(outpost, "/status"));
    while (!done.test(status)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not " + what + " within " + PATIENCE + "; last status: " + status + "\n"
            + outpost.log());
      }
      Thread.sleep(200);
      status = JSON.readTree(admin(outpost, "/status"));
    }
    return status;
  }

  /**
   * Polls {@code outpost status --children --json} on the hub until the ship's report (sent after each
   * pass) is there; each poll is a process of its own, which paces the loop.
   */
  private void awaitShipReport() throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    OutpostProcess.Result children;
    do {
      children = OutpostProcess.exec(work, null, "status", "--children", "--json", "--config", hubConfig.toString());
      for (JsonNode child : JSON.readTree(children.stdout())) {
        if (child.path("name").asText().equals("ship-1")) {
          return;
        }
      }
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("the hub has no report of the ship's pass within " + PATIENCE + ": " + children + "\n"
        + ship.log());
  }

  private String admin(OutpostProcess outpost, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + outpost.adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  private List<String> catalog(int port, String user, String password) throws Exception {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/v2/_catalog")).header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    JSON.readTree(response.body()).path("repositories").forEach(name -> names.add(name.asText()));
    return names;
  }

  /** Repository name to state, as the status report lists them. */
  private static Map<String, String> states(JsonNode status) {
    Map<String, String> states = new TreeMap<>();
    status.path("repositories").forEach(r -> states.put(r.path("repository").asText(), r.path("state").asText()));
    return states;
  }

  private static JsonNode repository(JsonNode status, String name) {
    for (JsonNode repository : status.path("repositories")) {
      if (repository.path("repository").asText().equals(name)) {
        return repository;
      }
    }
    throw new AssertionError(name + " is not in " + status);
  }
}
