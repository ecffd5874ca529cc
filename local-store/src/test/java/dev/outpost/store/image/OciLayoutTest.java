package dev.outpost.store.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir
  Path root;

  @Test
  void finishWritesTheIndexAndMarkerSkopeoReads() throws Exception {
    byte[] blob = "config".getBytes(StandardCharsets.UTF_8);
    Digest manifest = Digest.sha256("manifest".getBytes(StandardCharsets.UTF_8));
    OciLayout layout = new OciLayout(root);
    layout.writeBlob(Digest.sha256(blob), blob);
    // Only media type, digest and size of the manifest are written, whatever else it carries.
    Descriptor top = new Descriptor(MediaType.OCI_MANIFEST, manifest, 1234, Optional.of(Platform.parse("linux/amd64")),
        Optional.of("application/x-test"), Map.of("a", "b"));

    layout.finish(top, "v1.2");

    assertThat(Files.readString(root.resolve("index.json"))).isEqualTo(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
            + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifest + "\","
            + "\"size\":1234,\"annotations\":{\"org.opencontainers.image.ref.name\":\"v1.2\"}}]}");
    assertThat(Files.readString(root.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
    assertThat(Files.readAllBytes(root.resolve("blobs/sha256/" + Digest.sha256(blob).hex()))).isEqualTo(blob);
  }
}
