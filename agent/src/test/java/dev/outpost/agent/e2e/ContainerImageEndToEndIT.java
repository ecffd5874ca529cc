package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.ContainerdDaemon;
import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as a site runs it: built by {@code scripts/build-image.sh}, unpacked by
 * umoci, run by runc with what the Helm chart gives the pod (the image's own entrypoint and
 * arguments, UID 65532, the ConfigMap's file at {@code /etc/outpost/outpost.yaml}, the TLS Secret
 * at {@code /etc/outpost/tls}, the data volume at {@code /var/lib/outpost}, a tmpfs at /tmp under a
 * read-only root, the parent in {@code ACR_REGISTRY_CONNECTION_STRING}). It syncs from Debian's
 * {@code docker-registry} (Basic auth, so the connection string's credentials matter), a client
 * token is created with the CLI inside the container (as {@code kubectl exec} would), and skopeo
 * and containerd pull through it over TLS, verifying the site CA {@code outpost tls init} made.
 *
 * <p>Differences from the pod, each forced by the sandbox: the container shares the host's
 * network (no CNI here), so it listens on free loopback ports rather than 0.0.0.0:8080/9090; no
 * rlimits or cgroup limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageEndToEndIT {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(3);
  private static final String CONFIG_IN_POD = "/etc/outpost/outpost.yaml";
  private static final int NON_ROOT = 65532;

  private Path work;
  private OutpostImage image;
  private Skopeo skopeo;
  private DockerRegistryProcess parent;
  private RuncContainer container;
  private ContainerdDaemon containerd;
  private Path data;
  private String edge;
  private int adminPort;
  private Image hello;
  private Image legacy;
  private Index multi;
  private String password;
  private Path trust;

  @BeforeAll
  void buildSeedAndStart(@TempDir Path workDir) throws Exception {
    work = workDir;
    // Skipped only where these are absent and OUTPOST_REQUIRE_REAL_CLIENTS is unset (CI sets it).
    RuncContainer.requireRuntime();
    RealClients.require("mmdebstrap");
    RealClients.require("jq");
    skopeo = Skopeo.require();
    image = OutpostImage.current(work.resolve("build-image.log"));

    parent = DockerRegistryProcess.startWithBasicAuth(work.resolve("parent"), "sync", "sync-password");
    RandomImages images = new RandomImages(6);
    hello = images.ociImage(1024, 256 * 1024);
    legacy = images.dockerImage(64 * 1024);
    multi = images.multiArchIndex(128 * 1024);
    Skopeo seeder = skopeo.withCredentials("sync", "sync-password");
    seeder.push(hello, parent.hostPort(), "library/hello", "1.0");
    seeder.push(legacy, parent.hostPort(), "team/legacy", "1.0");
    seeder.push(multi, parent.hostPort(), "team/multi", "1.0");

    int registryPort = freePort();
    adminPort = freePort();
    edge = "127.0.0.1:" + registryPort;
    Path tlsSecret = siteCertificates();
    // The chart's ConfigMap, but for the listen addresses (see the class comment).
    Path config = Files.writeString(work.resolve("outpost.yaml"), """
        storage: {path: /var/lib/outpost}
        serve:
          listen: "127.0.0.1:%d"
          tls: {certFile: /etc/outpost/tls/tls.crt, keyFile: /etc/outpost/tls/tls.key}
        admin: {listen: "127.0.0.1:%d"}
        sync: {repositories: ["library/*", "team/*"], chunkSizeMb: 8}
        """.formatted(registryPort, adminPort));
    data = Files.createDirectories(work.resolve("data"));
    Files.setAttribute(data, "unix:uid", NON_ROOT);
    Files.setAttribute(data, "unix:gid", NON_ROOT);
    String connectionString = "ConnectedRegistryName=edge;SyncTokenName=sync;SyncTokenPassword=sync-password;"
        + "ParentGatewayEndpoint=" + parent.hostPort() + ";ParentEndpointProtocol=http";

    long started = System.nanoTime();
    container = RuncContainer.start(image.layout(), "latest", work.resolve("container"),
        List.of(new RuncContainer.Mount(config, CONFIG_IN_POD, true), new RuncContainer.Mount(tlsSecret, "/etc/outpost/tls", true),
            new RuncContainer.Mount(data, "/var/lib/outpost", false), RuncContainer.Mount.tmpfs("/tmp")),
        Map.of("ACR_REGISTRY_CONNECTION_STRING", connectionString));
    awaitReady();
    System.out.printf("container start to ready: %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (containerd != null) {
      containerd.close();
    }
    if (container != null) {
      container.close();
    }
    if (parent != null) {
      parent.close();
    }
  }

  @Test
  @Order(1)
  void theImageDeclaresTheTagsUserVolumeAndCommandThePodReliesOn() {
    assertThat(image.tags()).contains("latest", projectVersion());
    assertThat(image.runConfig().path("User").asText()).isEqualTo(NON_ROOT + ":" + NON_ROOT);
    assertThat(image.runConfig().path("Volumes").has("/var/lib/outpost")).isTrue();
    assertThat(image.runConfig().path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(image.runConfig().path("ExposedPorts").has("9090/tcp")).isTrue();
    assertThat(image.cmd()).containsExactly("run", "--config", CONFIG_IN_POD);
    // The same command the chart's NOTES give for kubectl exec: the image has no shell for a launcher.
    assertThat(image.entrypoint()).containsExactly("/opt/java/bin/java", "@/app/outpost");
    assertThat(work.resolve("container/bundle/rootfs/bin/sh")).doesNotExist();
  }

  @Test
  @Order(2)
  void theStoreIsWrittenByTheNonRootUser() throws Exception {
    Path adminSecret = data.resolve("admin.json");

    assertThat(adminSecret).exists();
    assertThat(Files.getAttribute(adminSecret, "unix:uid")).isEqualTo(NON_ROOT);
  }

  @Test
  @Order(3)
  void theCliInsideTheContainerTriggersASyncAndCreatesAToken() throws Exception {
    ToolRun.Result resync = outpostInside("resync", "--config", CONFIG_IN_POD);
    assertThat(resync.exitCode()).as(resync.stdout() + resync.stderr()).isZero();

    ToolRun.Result token = outpostInside("token", "create", "site", "--repository", "library/*",
        "--repository", "team/*", "--json", "--config", CONFIG_IN_POD);
    assertThat(token.exitCode()).as(token.stdout() + token.stderr()).isZero();
    password = token.stdout().replaceAll("(?s).*\"password\":\"([^\"]+)\".*", "$1").trim();

    assertThat(password).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  @Order(4)
  void skopeoGetsTheParentsManifestsThroughTheContainer() throws Exception {
    assertThat(Digest.sha256(awaitSynced("library/hello"))).isEqualTo(hello.digest());
    assertThat(Digest.sha256(awaitSynced("team/legacy"))).isEqualTo(legacy.digest());
    assertThat(Digest.sha256(awaitSynced("team/multi"))).isEqualTo(multi.digest());
    ToolRun.Result copy = skopeo.run("copy", "--src-cert-dir=" + trust, "--preserve-digests",
        "--src-creds=site:" + password, "docker://" + edge + "/library/hello:1.0", "oci:" + work.resolve("copied") + ":1.0");
    assertThat(copy.exitCode()).as(copy.stderr()).isZero();
    for (Digest blob : hello.blobs().keySet()) {
      assertThat(work.resolve("copied/blobs/sha256").resolve(blob.hex())).exists();
    }
  }

  @Test
  @Order(5)
  void containerdPullsThroughTheContainer() throws Exception {
    containerd = ContainerdDaemon.start(work.resolve("containerd"), "outpost-e2e");
    awaitSynced("team/multi");

    // containerd talks plain HTTP to a loopback host unless its hosts.toml says https.
    Path hosts = Files.createDirectories(work.resolve("certs.d").resolve(edge));
    Files.writeString(hosts.resolve("hosts.toml"), "server = \"https://" + edge + "\"\n\n[host.\"https://" + edge
        + "\"]\n  capabilities = [\"pull\", \"resolve\"]\n  ca = \"" + trust.resolve("ca.crt") + "\"\n");
    String hostsDir = work.resolve("certs.d").toString();
    ToolRun.Result pulled = containerd.ctr("images", "pull", "--hosts-dir", hostsDir, "--user", "site:" + password,
        edge + "/library/hello:1.0");
    ToolRun.Result multiPulled = containerd.ctr("images", "pull", "--hosts-dir", hostsDir, "--user", "site:" + password,
        "--platform", "linux/arm64", edge + "/team/multi:1.0");

    assertThat(pulled.exitCode()).as(pulled.stdout() + pulled.stderr()).isZero();
    assertThat(multiPulled.exitCode()).as(multiPulled.stdout() + multiPulled.stderr()).isZero();
    assertThat(containerd.ctr("images", "ls", "-q").orThrow().stdout())
        .contains(edge + "/library/hello:1.0", edge + "/team/multi:1.0");
  }

  @Test
  @Order(6)
  void sigtermStopsTheContainer() throws Exception {
    int exit = container.stop();

    assertThat(exit).as(container.log()).isIn(0, 143);
  }

  /** {@code outpost ARGS…} run in the container with the image's own entrypoint. */
  private ToolRun.Result outpostInside(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(image.entrypoint());
    command.addAll(List.of(args));
    return container.exec(command);
  }

  /**
   * {@code outpost tls init} (the jar on the host, as a site without a PKI runs it) makes the site
   * CA and the server certificate; the Secret's folder gets what a kubernetes.io/tls Secret holds,
   * group-readable by the pod's fsGroup; clients get ca.crt alone.
   */
  private Path siteCertificates() throws Exception {
    Path made = work.resolve("tls-init");
    OutpostProcess.Result init = OutpostProcess.exec(work, null, "tls", "init", "--ip", "127.0.0.1", "--out", made.toString());
    assertThat(init.exitCode()).as(init.stdout() + init.stderr()).isZero();
    Path secret = Files.createDirectories(work.resolve("tls-secret"));
    for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
      Path copy = Files.copy(made.resolve(file), secret.resolve(file));
      Files.setAttribute(copy, "unix:gid", NON_ROOT);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));
    }
    trust = Files.createDirectories(work.resolve("trust"));
    Files.copy(made.resolve("ca.crt"), trust.resolve("ca.crt"));
    return secret;
  }

  /** Polls the admin listener's /readyz (the chart's readiness probe) until it says 200. */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
      while (System.nanoTime() < deadline) {
        if (!container.isRunning()) {
          throw new IllegalStateException("the container exited:\n" + container.log());
        }
        if (status(http, "http://127.0.0.1:" + adminPort + "/readyz") == 200) {
          return;
        }
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("the container was not ready within " + READY_TIMEOUT + ":\n" + container.log());
  }

  private static int status(HttpClient http, String url) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException notListeningYet) {
      return -1;
    }
  }

  /** The manifest of {@code repo:1.0} through the container, once the sync has brought it. */
  private byte[] awaitSynced(String repo) throws Exception {
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    ToolRun.Result last = null;
    while (System.nanoTime() < deadline) {
      last = skopeo.run("inspect", "--raw", "--cert-dir=" + trust, "--creds=site:" + password,
          "docker://" + edge + "/" + repo + ":1.0");
      if (last.succeeded()) {
        return last.stdout().getBytes(StandardCharsets.UTF_8);
      }
      Thread.sleep(500);
    }
    throw new AssertionError(repo + " did not arrive within " + SYNC_TIMEOUT + ": " + last.stderr() + "\n" + container.log());
  }

  /** The version the image is tagged with; failsafe passes it from the pom. */
  private static String projectVersion() {
    return System.getProperty("outpost.version", "outpost.version not set by failsafe");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
