package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost node-trust}: copies, then keeps the copy in place until stopped. */
class NodeTrustCommandTest {
  @TempDir
  Path dir;

  @Test
  void onceCopiesAndSaysWhatItWrote() throws Exception {
    Path from = source();
    Path to = dir.resolve("to");

    CliRun run = CliRun.of("node-trust", "--from", from.toString(), "--to", to.toString(), "--once");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("wrote " + to.resolve("registry.example/hosts.toml"));
    assertThat(to.resolve("registry.example/hosts.toml")).hasContent("server = \"https://registry.example\"\n");
  }

  @Test
  void keepsCopyingUntilInterrupted() throws Exception {
    Path from = source();
    Path to = dir.resolve("to");
    Path copied = to.resolve("registry.example/hosts.toml");
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<CliRun> running = executor.submit(() ->
          CliRun.of("node-trust", "--from", from.toString(), "--to", to.toString(), "--interval", "PT0.05S"));
      awaitContent(copied, "server = \"https://registry.example\"\n");

      Files.delete(copied);
      awaitContent(copied, "server = \"https://registry.example\"\n");
      Files.writeString(from.resolve("registry.example/hosts.toml"), "changed\n");
      awaitContent(copied, "changed\n");

      running.cancel(true);
      executor.shutdown();
      assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).as("stops when interrupted").isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aMissingSourceIsAUsageError() {
    CliRun run = CliRun.of("node-trust", "--from", dir.resolve("absent").toString(), "--to", dir.toString(), "--once");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--from").contains("is not a directory");
  }

  private Path source() throws Exception {
    Path from = dir.resolve("from");
    Files.createDirectories(from.resolve("registry.example"));
    Files.writeString(from.resolve("registry.example/hosts.toml"), "server = \"https://registry.example\"\n");
    return from;
  }

  /** Waits (bounded) for the copier's next round; the test asserts what happens, not when. */
  private static void awaitContent(Path file, String content) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!(Files.isRegularFile(file) && Files.readString(file).equals(content))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(file + " never got " + content);
      }
      Thread.sleep(20);
    }
  }
}
