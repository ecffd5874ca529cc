package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.bundles.BundleFiles;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost bundle import} as a real process, killed with {@code kill -9} while a large layer is
 * half ingested: the rerun completes from the durable offset and {@code outpost verify} finds nothing wrong.
 */
class KilledBundleImportIT {
  private static final int MIB = 1024 * 1024;

  @TempDir
  Path dir;

  @Test
  void aKilledImportResumesAndTheStoreVerifiesClean() throws Exception {
    Image image = new RandomImages(41).ociImage(160 * MIB);
    Digest layer = Digest.sha256(image.layers().get(0));
    Path bundle = BundleFiles.write(dir.resolve("disk"), RepositoryName.of("team/big"), Tag.of("1"), image, 1);
    Path config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        sync: {chunkSizeMb: 1}
        """.formatted(dir.resolve("store")));

    Process killed = OutpostProcess.start(dir.resolve("out1.txt"), dir.resolve("err1.txt"),
        "bundle", "import", bundle.toString(), "--config", config.toString());
    Path part = dir.resolve("store/ingest/sha256-" + layer.hex() + ".part");
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!(Files.exists(part) && Files.size(part) > 4L * MIB)) {
      if (!killed.isAlive() || System.nanoTime() > deadline) {
        killed.destroyForcibly();
        throw new AssertionError("the import did not get past 4 MiB of the layer (exit "
            + (killed.isAlive() ? "none" : killed.exitValue()) + "):\n" + Files.readString(dir.resolve("err1.txt")));
      }
      Thread.sleep(5);
    }
    killed.destroyForcibly(); // SIGKILL: no handler, no cleanup
    assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

    OutpostProcess.Result rerun = OutpostProcess.exec(dir, null, "bundle", "import", bundle.toString(),
        "--config", config.toString());
    OutpostProcess.Result verify = OutpostProcess.exec(dir, null, "verify", "--config", config.toString());

    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    assertThat(rerun.stdout()).contains("team/big: 1 tag(s) visible, imported 1");
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
  }
}
