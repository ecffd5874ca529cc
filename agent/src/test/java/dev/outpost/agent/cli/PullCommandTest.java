package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost pull --output}: the image as an OCI layout, through the bundles' layout writer. */
class PullCommandTest {
  @TempDir
  Path dir;

  @Test
  void aBlobCutOffMidwayIsResumedAndTheLayoutHoldsTheImageVerified() throws Exception {
    Image image = new RandomImages(5).ociImage(2_000_000, 30_000);
    Digest big = image.blobs().keySet().stream().filter(d -> image.blobs().get(d).length > 1_000_000).findFirst().orElseThrow();
    try (ParentRegistryFixture parent = ParentRegistryFixture.start().push("team/app", "1.0", image)
        .truncateBlobOnce(big, 700_000)) {

      CliRun pull = CliRun.of("pull", parent.url() + "/team/app:1.0", "--output", dir.resolve("layout").toString());

      assertThat(pull.exitCode()).as(pull.toString()).isZero();
      assertThat(pull.stdout()).contains("verified team/app@" + image.digest());
    }
    for (Map.Entry<Digest, byte[]> blob : image.blobs().entrySet()) {
      assertThat(dir.resolve("layout/blobs/sha256/" + blob.getKey().hex())).hasBinaryContent(blob.getValue());
    }
    assertThat(dir.resolve("layout/blobs/sha256/" + image.digest().hex())).hasBinaryContent(image.manifest().bytes());
    JsonNode index = new ObjectMapper().readTree(dir.resolve("layout/index.json").toFile());
    assertThat(index.path("manifests").get(0).path("digest").asText()).isEqualTo(image.digest().toString());
    assertThat(index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText())
        .isEqualTo("1.0");
    assertThat(Files.readString(dir.resolve("layout/oci-layout"))).contains("1.0.0");
  }
}
