package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.ContainerdDaemon;
import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.serve.tls.TestPki;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients pull over HTTPS and verify the certificate against the site CA they were given,
 * with no insecure flag anywhere: skopeo ({@code --src-cert-dir}), podman ({@code --cert-dir}),
 * and containerd's {@code ctr} as a mirror through a {@code hosts.toml} naming the CA. A client
 * given no CA is refused, so the others pass because they verified, not because nobody checked.
 * Each client is skipped only where it is absent and real clients are not required.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsRealClientsTest {
  private static final String CREDENTIALS = "all:" + TokenFixtures.PASSWORD;

  private Path work;
  private TestPki pki;
  private TestRegistry registry;
  private String hostPort;

  @BeforeAll
  void start(@TempDir Path directory) {
    work = directory;
    pki = new TestPki(directory.resolve("tls"));
    registry = new TestRegistry(directory.resolve("store"), pki.mount(pki.issue(), Duration.ofHours(1)), pki);
    hostPort = "127.0.0.1:" + registry.server.port();
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void skopeoCopiesVerifyingTheSiteCa() throws Exception {
    Skopeo skopeo = Skopeo.require();
    Path target = work.resolve("skopeo-copy");

    ToolRun.Result trusted = skopeo.run("copy", "--src-cert-dir", pki.caFile().getParent().toString(),
        "--src-creds", CREDENTIALS, "docker://" + hostPort + "/library/hello:latest", "dir:" + target);
    ToolRun.Result untrusted = skopeo.run("inspect", "--raw", "--creds", CREDENTIALS,
        "docker://" + hostPort + "/library/hello:latest");

    assertThat(trusted.exitCode()).as(trusted.stderr()).isZero();
    assertThat(Digest.sha256(Files.readAllBytes(target.resolve("manifest.json")))).isEqualTo(registry.hello.digest());
    assertThat(untrusted.exitCode()).isNotZero();
    assertThat(untrusted.stderr()).contains("certificate signed by unknown authority");
  }

  @Test
  void podmanPullsVerifyingTheSiteCa() throws Exception {
    Path podman = RealClients.require("podman");
    Path root = work.resolve("podman");
    List<String> base = List.of(podman.toString(), "--root", root.resolve("root").toString(),
        "--runroot", root.resolve("runroot").toString(), "--tmpdir", root.resolve("tmp").toString(),
        "--storage-driver", "vfs", "--events-backend", "none", "--cgroup-manager", "cgroupfs");

    ToolRun.Result pulled = run(base, "pull", "--cert-dir", pki.caFile().getParent().toString(), "--creds", CREDENTIALS,
        hostPort + "/library/hello:latest");
    ToolRun.Result inspected = run(base, "image", "inspect", "--format", "{{.Digest}}", hostPort + "/library/hello:latest");

    assertThat(pulled.exitCode()).as(pulled.stderr()).isZero();
    assertThat(inspected.stdout().trim()).isEqualTo(registry.hello.digest().toString());
  }

  @Test
  void ctrPullsAsAMirrorThroughHostsTomlWithTheCa() throws Exception {
    Path root = work.resolve("containerd");
    Path hosts = Files.createDirectories(root.resolve("certs.d/registry.example.com"));
    Files.writeString(hosts.resolve("hosts.toml"), "server = \"https://registry.example.com\"\n\n"
        + "[host.\"https://" + hostPort + "\"]\n  capabilities = [\"pull\", \"resolve\"]\n"
        + "  ca = \"" + pki.caFile() + "\"\n");
    try (ContainerdDaemon containerd = ContainerdDaemon.start(root, "outpost-tls-test")) {
      ToolRun.Result pulled = containerd.ctr("images", "pull", "--hosts-dir", root.resolve("certs.d").toString(),
          "--user", CREDENTIALS, "registry.example.com/library/hello:latest");

      assertThat(pulled.exitCode()).as(pulled.stdout() + pulled.stderr()).isZero();
      assertThat(containerd.ctr("images", "ls", "-q").stdout()).contains("registry.example.com/library/hello:latest");
    }
  }

  private static ToolRun.Result run(List<String> base, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(base);
    command.addAll(List.of(args));
    return ToolRun.run(Duration.ofMinutes(3), command);
  }
}
