package dev.outpost.agent.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real containerd of its own (config, root, state and socket under {@code directory}, the CRI
 * plugin off), and {@code ctr} pointed at it. Skips where containerd is absent (unless
 * {@code OUTPOST_REQUIRE_REAL_CLIENTS} is set) or the test does not run as root.
 */
final class ContainerdDaemon implements AutoCloseable {
  private final Process process;
  private final Path ctr;
  private final Path socket;

  private ContainerdDaemon(Process process, Path ctr, Path socket) {
    this.process = process;
    this.ctr = ctr;
    this.socket = socket;
  }

  static ContainerdDaemon start(Path directory) throws IOException, InterruptedException {
    Path containerd = RealClients.require("containerd");
    Path ctr = RealClients.require("ctr");
    assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
    Path socket = directory.resolve("containerd.sock");
    Path config = Files.writeString(directory.resolve("config.toml"), "version = 2\n"
        + "root = \"" + directory.resolve("root") + "\"\n"
        + "state = \"" + directory.resolve("state") + "\"\n"
        + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
        + "[grpc]\n  address = \"" + socket + "\"\n");
    Process process = new ProcessBuilder(containerd.toString(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(directory.resolve("containerd.log").toFile()).start();
    for (int i = 0; i < 200 && !Files.exists(socket) && process.isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(socket).as("containerd socket (see " + directory.resolve("containerd.log") + ")").exists();
    return new ContainerdDaemon(process, ctr, socket);
  }

  ToolRun.Result ctr(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ctr.toString(), "--address", socket.toString(), "--namespace", "outpost-test"));
    command.addAll(List.of(args));
    return ToolRun.run(Duration.ofMinutes(2), command);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    // Its state lives in the test's temp dir: wait, so the cleanup does not race its exit.
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
