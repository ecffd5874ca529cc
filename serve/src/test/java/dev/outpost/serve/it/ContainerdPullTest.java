package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.ContainerdDaemon;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.serve.auth.TokenFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * containerd (real client software, run with its own config, root and socket) pulls from the
 * endpoint: it asks for tokens with the OAuth2 POST form first, and as a mirror it adds
 * {@code ?ns=<upstream>} to every request. Skipped where containerd is not installed or not root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerdPullTest {
  TestRegistry registry;
  ContainerdDaemon containerd;
  Path work;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    // Skipped only where containerd is absent and OUTPOST_REQUIRE_REAL_CLIENTS is unset (CI sets it).
    containerd = ContainerdDaemon.start(directory, "outpost-test");
    work = directory;
    registry = new TestRegistry(directory.resolve("store"));
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (containerd != null) {
      containerd.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void pullsWithTokenAuth() throws Exception {
    ToolRun.Result result = containerd.ctr("images", "pull", "--plain-http", "--user", "all:" + TokenFixtures.PASSWORD,
        "127.0.0.1:" + registry.server.port() + "/library/hello:latest");
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(containerd.ctr("images", "ls", "-q").orThrow().stdout()).contains("127.0.0.1:" + registry.server.port() + "/library/hello:latest");
    assertThat(registry.meters.get("outpost.serve.requests").tags("route", "token", "method", "POST", "status", "200")
        .timer().count()).as("containerd used the OAuth2 POST form").isPositive();
    assertThat(registry.meters.get("outpost.serve.requests").tags("route", "blob", "method", "GET", "status", "200")
        .timer().count()).isPositive();
  }

  @Test
  void pullsAsAMirrorWithTheNamespaceParameter() throws Exception {
    Path hosts = Files.createDirectories(work.resolve("certs.d/registry.example.com"));
    Files.writeString(hosts.resolve("hosts.toml"), "server = \"https://registry.example.com\"\n\n"
        + "[host.\"http://127.0.0.1:" + registry.server.port() + "\"]\n  capabilities = [\"pull\", \"resolve\"]\n");
    ToolRun.Result result = containerd.ctr("images", "pull", "--hosts-dir", work.resolve("certs.d").toString(),
        "--user", "all:" + TokenFixtures.PASSWORD, "--platform", "linux/arm64",
        "registry.example.com/library/hello:multi");
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
  }
}
