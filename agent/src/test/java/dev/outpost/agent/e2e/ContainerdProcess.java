package dev.outpost.agent.e2e;

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
 * A containerd of the test's own (config, root, state and socket under {@code work}; the CRI
 * plugin off), driven with {@code ctr}. {@link #close()} stops exactly the process it started.
 */
final class ContainerdProcess implements AutoCloseable {
  private final Process process;
  private final Path ctr;
  private final Path socket;

  private ContainerdProcess(Process process, Path ctr, Path socket) {
    this.process = process;
    this.ctr = ctr;
    this.socket = socket;
  }

  static ContainerdProcess start(Path work) throws IOException, InterruptedException {
    Path binary = RealClients.require("containerd");
    Path ctr = RealClients.require("ctr");
    Files.createDirectories(work);
    Path socket = work.resolve("containerd.sock");
    Path config = Files.writeString(work.resolve("config.toml"), "version = 2\n"
        + "root = \"" + work.resolve("root") + "\"\n"
        + "state = \"" + work.resolve("state") + "\"\n"
        + "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n"
        + "[grpc]\n  address = \"" + socket + "\"\n");
    Process process = new ProcessBuilder(binary.toString(), "--config", config.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("containerd.log").toFile()).start();
    ContainerdProcess containerd = new ContainerdProcess(process, ctr, socket);
    for (int i = 0; i < 300 && !Files.exists(socket) && process.isAlive(); i++) {
      Thread.sleep(100);
    }
    if (!Files.exists(socket)) {
      containerd.close();
      throw new IllegalStateException("containerd did not create " + socket + "; see " + work.resolve("containerd.log"));
    }
    return containerd;
  }

  /** {@code ctr --address SOCKET --namespace outpost-e2e args…} */
  ToolRun.Result ctr(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ctr.toString(), "--address", socket.toString(), "--namespace", "outpost-e2e"));
    command.addAll(List.of(args));
    return ToolRun.run(Duration.ofMinutes(3), command);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    // Its state lives in the test's temporary folder: wait, so the cleanup does not race its exit.
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
