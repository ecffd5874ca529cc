package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.StoreLockedException;
import dev.outpost.store.model.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that need a second process: the store's lock as another Outpost process sees it, and a
 * {@code kill -9} in the middle of an ingest (DESIGN.md invariant 3).
 */
class MultiProcessStoreTest {
  @TempDir
  Path data;

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void storeOpenInAnotherProcessIsLocked() throws Exception {
    Process child = start("hold", data.toString());
    BufferedReader out = reader(child);
    assertThat(readLine(out, child)).startsWith("OPEN ");

    assertThatThrownBy(() -> RocksLocalStore.open(data))
        .isInstanceOf(StoreLockedException.class)
        .hasMessageContaining("store " + data.toAbsolutePath().normalize() + " is in use by another Outpost process");

    child.getOutputStream().close();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    RocksLocalStore.open(data).close();
  }

  @Test
  void killedIngestResumesFromItsCheckpoint() throws Exception {
    long seed = 42;
    int size = 3 * WriteBehindFile.BUFFER_BYTES + 5;
    int checkpointAt = WriteBehindFile.BUFFER_BYTES + 1234;
    Process child = start("ingest-until-killed", data.toString(), Long.toString(seed), Integer.toString(size),
        Integer.toString(checkpointAt));
    BufferedReader out = reader(child);
    assertThat(readLine(out, child)).isEqualTo("CHECKPOINTED " + checkpointAt);
    byte[] content = TestContent.randomBytes(seed, size);
    Digest digest = Digest.sha256(content);
    Path part = data.resolve("ingest/sha256-" + digest.hex() + ".part");
    waitUntilLarger(part, checkpointAt, child);

    child.destroyForcibly();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

    try (LocalStore store = RocksLocalStore.open(data)) {
      try (BlobIngest resumed = store.openIngest(digest, size, "parent")) {
        assertThat(resumed.offset()).isEqualTo(checkpointAt);
        resumed.write(content, checkpointAt, size - checkpointAt);
        resumed.commit();
      }
      assertThat(store.stat(digest)).isPresent();
      assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
    }
  }

  /** Waits until the child has written past its checkpoint, so the kill lands mid-write. */
  private static void waitUntilLarger(Path file, long size, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Files.size(file) <= size) {
      assertThat(child.isAlive()).as("child still running").isTrue();
      assertThat(System.nanoTime()).as("child wrote past its checkpoint in time").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        StoreChildProcess.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    children.add(process);
    return process;
  }

  private static BufferedReader reader(Process process) {
    return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  private static String readLine(BufferedReader out, Process child) throws IOException {
    String line = out.readLine();
    assertThat(line).as("first line from child (exit %s)", child.isAlive() ? "running" : child.exitValue()).isNotNull();
    return line;
  }
}
