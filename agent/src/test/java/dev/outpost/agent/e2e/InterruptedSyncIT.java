package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code outpost sync --once} as a real process, stopped midway the ways a site engineer stops it:
 * Ctrl-C (SIGINT), SIGTERM, and {@code kill -9}. The parent stalls the one large layer after
 * {@link #STALL_AT} bytes, so the child is mid-transfer for as long as the test needs.
 */
class InterruptedSyncIT {
  private static final int MIB = 1024 * 1024;
  private static final int LAYER = 4 * MIB;
  private static final long STALL_AT = 5L * MIB / 2;

  @TempDir
  Path dir;

  private ParentRegistryFixture parent;
  private Digest layer;

  @BeforeEach
  void parentWithAStallingLayer() {
    Image image = new RandomImages(31).ociImage(LAYER);
    layer = Digest.sha256(image.layers().get(0));
    parent = ParentRegistryFixture.start().push("team/big", "1", image).stallBlobOnce(layer, STALL_AT);
  }

  @AfterEach
  void stopParent() {
    parent.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void aSignalStopsThePassSayingSoAndTheNextPassResumes(String signal) throws Exception {
    // A short stall timeout: the stalled read gives up, and the stop is seen at the next read.
    Path config = config("PT3S");
    Process sync = OutpostProcess.start(dir.resolve("out.txt"), dir.resolve("err.txt"), "sync", "--once", "--config", config.toString());
    awaitPartialBeyond(sync, MIB);

    new ProcessBuilder("kill", "-" + signal, String.valueOf(sync.pid())).inheritIO().start().waitFor();

    assertThat(sync.waitFor(2, TimeUnit.MINUTES)).as("sync --once ended after SIG%s", signal).isTrue();
    String stdout = Files.readString(dir.resolve("out.txt"));
    String stderr = Files.readString(dir.resolve("err.txt"));
    assertThat(sync.exitValue()).as("stdout:%n%s%nstderr:%n%s", stdout, stderr).isEqualTo(130);
    assertThat(stdout).contains("stopped; progress is kept, the next pass resumes").doesNotContain("failed");
    assertThat(stderr).doesNotContain("Exception");

    parent.clearRequests();
    OutpostProcess.Result again = OutpostProcess.exec(dir, null, "sync", "--once", "--no-progress", "--config", config.toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(parent.requests()).filteredOn(r -> r.path().endsWith("/blobs/" + layer))
        .filteredOn(r -> r.method().equals("GET"))
        .extracting(r -> r.range().orElse("bytes=0-"))
        .as("the next pass asks only for what the stopped one did not keep")
        .allSatisfy(range -> assertThat(rangeStart(range)).isGreaterThanOrEqualTo(MIB));
  }

  @Test
  void afterKillMinus9StatusSaysInterruptedWithTheDurableBytes() throws Exception {
    Path config = config("PT5M");
    Process sync = OutpostProcess.start(dir.resolve("out.txt"), dir.resolve("err.txt"), "sync", "--once", "--config", config.toString());
    awaitPartialBeyond(sync, MIB);

    sync.destroyForcibly(); // SIGKILL: no handler, no cleanup
    assertThat(sync.waitFor(1, TimeUnit.MINUTES)).isTrue();

    OutpostProcess.Result json = OutpostProcess.exec(dir, null, "status", "--json", "--config", config.toString());
    OutpostProcess.Result table = OutpostProcess.exec(dir, null, "status", "--config", config.toString());
    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode repo = new ObjectMapper().readTree(json.stdout()).path("repositories").path(0);
    assertThat(repo.path("repository").asText()).isEqualTo("team/big");
    assertThat(repo.path("state").asText()).as(json.stdout()).isEqualTo("interrupted");
    assertThat(repo.path("partialBytes").asLong()).as(json.stdout()).isGreaterThanOrEqualTo(MIB).isLessThan(LAYER);
    assertThat(table.stdout()).as(table.toString()).contains("interrupted", "of partial downloads kept")
        .doesNotContain("syncing");
  }

  private Path config(String stallTimeout) throws IOException {
    Path config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: ["team/big"], chunkSizeMb: 1, concurrency: 1, stallTimeout: %s}
        """.formatted(dir.resolve("store"), parent.url(), stallTimeout));
    return config;
  }

  /**
   * Waits until the layer's partial file holds more than {@code bytes}. The engine records a
   * checkpoint before it appends a byte beyond it, so by then {@code bytes} rounded down to a
   * chunk are durable.
   */
  private void awaitPartialBeyond(Process sync, long bytes) throws Exception {
    Path part = dir.resolve("store/ingest/sha256-" + layer.hex() + ".part");
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!(Files.exists(part) && Files.size(part) > bytes)) {
      if (!sync.isAlive() || System.nanoTime() > deadline) {
        sync.destroyForcibly();
        throw new AssertionError("the sync did not get past " + bytes + " bytes of the layer (exit "
            + (sync.isAlive() ? "none" : sync.exitValue()) + "):\n" + Files.readString(dir.resolve("err.txt")));
      }
      Thread.sleep(50);
    }
  }

  private static long rangeStart(String range) {
    return Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
  }
}
