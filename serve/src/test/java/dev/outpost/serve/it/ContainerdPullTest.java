package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.serve.auth.TokenFixtures;
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
 * containerd (real client software, run with its own config, root and socket) pulls from the
 * endpoint: it asks for tokens with the OAuth2 POST form first, and as a mirror it adds
 * {@code ?ns=<upstream>} to every request. Skipped where containerd is not installed or not root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerdPullTest {
  private Path containerdBinary;
  private Path ctr;

  TestRegistry registry;
  Process containerd;
  Path socket;
  Path work;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    // Skipped only where containerd is absent and OUTPOST_REQUIRE_REAL_CLIENTS is unset (CI sets it).
    containerdBinary = RealClients.require("containerd");
    ctr = RealClients.require("ctr");
    assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
    work = directory;
    registry = new TestRegistry(directory.resolve("store"));
    socket = directory.resolve("containerd.sock");
    Path config = Files.writeString(directory.resolve("config.toml"), "version = 2\n"
        + "root = \"" + directory.resolve("root") + "\"\n"
        + "state = \"" + directory.resolve("state") + "\"\n"
        + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
        + "[grpc]\n  address = \"" + socket + "\"\n");
    containerd = new ProcessBuilder(containerdBinary.toString(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(directory.resolve("containerd.log").toFile()).start();
    for (int i = 0; i < 200 && !Files.exists(socket); i++) {
      Thread.sleep(100);
    }
    assertThat(socket).as("containerd socket").exists();
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (containerd != null) {
      containerd.destroy();
      // Its state directory lives in the test's temp dir: wait, so cleanup does not race its exit.
      containerd.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void pullsWithTokenAuth() throws Exception {
    ToolRun.Result result = ctr("images", "pull", "--plain-http", "--user", "all:" + TokenFixtures.PASSWORD,
        "127.0.0.1:" + registry.server.port() + "/library/hello:latest");
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    assertThat(ctr("images", "ls", "-q").orThrow().stdout()).contains("127.0.0.1:" + registry.server.port() + "/library/hello:latest");
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
    ToolRun.Result result = ctr("images", "pull", "--hosts-dir", work.resolve("certs.d").toString(),
        "--user", "all:" + TokenFixtures.PASSWORD, "--platform", "linux/arm64",
        "registry.example.com/library/hello:multi");
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
  }

  private ToolRun.Result ctr(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ctr.toString(), "--address", socket.toString(), "--namespace", "outpost-test"));
    command.addAll(List.of(args));
    return ToolRun.run(Duration.ofMinutes(2), command);
  }
}
