package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.TmpfsMount;
import dev.outpost.store.image.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk through the real CLI, on a real 64 MiB filesystem (a tmpfs the test mounts; skipped
 * where mounting is impossible unless {@code OUTPOST_REQUIRE_REAL_CLIENTS} is set). {@code outpost
 * run} (a child process) is syncing an image when the test fills the disk with a file of its own.
 * While full, and after {@code run} is stopped and started again, and for {@code outpost status}
 * opening the store itself, the store opens and an image synced before is served whole. Once the
 * test deletes its file, the running Outpost finishes the sync by itself and {@code verify} is clean.
 */
class FullDiskRunIT {
  private static final int MIB = 1024 * 1024;
  private static final String PRESENT = "library/present";
  private static final String BIG = "team/big";

  @TempDir
  Path dir;

  private final RandomImages images = new RandomImages(64);
  private ParentRegistryFixture parent;
  private TmpfsMount disk;
  private OutpostProcess run;
  private Path config;
  private String password;

  @BeforeEach
  void mountAndStartParent() throws Exception {
    disk = TmpfsMount.mount(dir.resolve("disk"), 64);
    parent = ParentRegistryFixture.start();
    config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: ["%s", "team/*"], chunkSizeMb: 1, passInterval: PT1S}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        store: {reserve: 4Mi}
        """.formatted(disk.directory().resolve("store"), parent.url(), PRESENT));
  }

  @AfterEach
  void stopEverything() throws Exception {
    try {
      if (run != null) {
        run.close();
      }
      parent.close();
    } finally {
      disk.close();
    }
  }

  @Test
  void aDiskFilledDuringRunStillServesReopensAndTheSyncCompletesOnceSpaceReturns() throws Exception {
    Image present = images.ociImage(MIB, MIB);
    Image big = images.ociImage(8 * MIB, 8 * MIB, 8 * MIB);
    parent.push(PRESENT, "v1", present);
    OutpostProcess.Result first = outpost("sync", "--once", "--no-progress");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    password = OutpostProcess.createToken(dir, config, "site", "--repository", PRESENT, "--repository", "team/*");

    // A slow link, so the test fills the disk while `run` is mid-way through the big image.
    parent.push(BIG, "v1", big).throttleBlobs(2L * MIB);
    run = OutpostProcess.startRun(dir, config);
    awaitPartialBytes(2L * MIB);
    Path filler = disk.directory().resolve("filler");
    disk.fill(filler);

    JsonNode full = awaitStatus("the disk reported full", s -> s.path("disk").path("full").asBoolean());
    assertThat(repository(full, BIG).path("tags").asInt()).isZero();
    assertServed(PRESENT, present);

    assertThat(run.terminate()).as(run.log()).isIn(0, 143);
    run = null;
    OutpostProcess.Result status = outpost("status");
    assertThat(status.exitCode()).as("status on the full disk opens the store: %s", status).isZero();
    assertThat(status.stdout()).contains(PRESENT).containsPattern("Disk: .*FULL");

    run = OutpostProcess.startRun(dir, config);
    assertServed(PRESENT, present);
    assertThat(outpost("status").stdout()).containsPattern("Disk: .*FULL");

    Files.delete(filler);
    parent.throttleBlobs(0);
    JsonNode synced = awaitStatus("the big image synced by itself", s -> repository(s, BIG).path("tags").asInt() == 1);
    assertThat(synced.path("disk").path("full").asBoolean()).as(synced.toString()).isFalse();
    assertServed(BIG, big);
    assertServed(PRESENT, present);
    assertThat(run.terminate()).as(run.log()).isIn(0, 143);
    run = null;

    OutpostProcess.Result verify = outpost("verify");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }

  /** Pulls the image from the running Outpost with {@code outpost pull}, which checks every digest. */
  private void assertServed(String repo, Image image) throws Exception {
    OutpostProcess.Result pull = OutpostProcess.exec(dir, password, "pull",
        "http://127.0.0.1:" + run.registryPort() + "/" + repo + ":v1", "--username", "site", "--password-stdin");
    assertThat(pull.exitCode()).as("pull %s: %s%n%s", repo, pull, run.log()).isZero();
    assertThat(pull.stdout()).contains("verified " + repo + "@" + image.digest());
  }

  private OutpostProcess.Result outpost(String... args) throws Exception {
    String[] full = Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new);
    return OutpostProcess.exec(dir, null, full);
  }

  private JsonNode status() throws Exception {
    OutpostProcess.Result status = outpost("status", "--json");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    return new ObjectMapper().readTree(status.stdout());
  }

  private JsonNode awaitStatus(String what, Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    JsonNode status = status();
    while (!condition.test(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not " + what + " after 2 minutes: " + status + "\n" + run.log());
      }
      Thread.sleep(250);
      status = status();
    }
    return status;
  }

  private static JsonNode repository(JsonNode status, String name) {
    for (JsonNode repo : status.path("repositories")) {
      if (repo.path("repository").asText().equals(name)) {
        return repo;
      }
    }
    return MissingNode.getInstance();
  }

  /** Waits until the partial downloads under the store's ingest folder hold {@code bytes}. */
  private void awaitPartialBytes(long bytes) throws Exception {
    Path ingest = disk.directory().resolve("store/ingest");
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (partialBytes(ingest) < bytes) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("run did not download " + bytes + " bytes of the big image:\n" + run.log());
      }
      Thread.sleep(50);
    }
  }

  private static long partialBytes(Path ingest) throws IOException {
    if (!Files.isDirectory(ingest)) {
      return 0;
    }
    try (Stream<Path> parts = Files.list(ingest)) {
      return parts.filter(p -> p.toString().endsWith(".part")).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
