package dev.outpost.store.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * An OCI image layout directory being written: verified blobs under {@code blobs/<alg>/<hex>}, then
 * {@code index.json} naming one manifest, and {@code oci-layout}. Skopeo, podman and umoci read it
 * ({@code oci:DIR:TAG}). Used by {@code outpost pull} and by test fixtures that seed registries.
 */
public final class OciLayout {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  public OciLayout(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root.resolve("blobs"));
  }

  public Path root() {
    return root;
  }

  public Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** A temporary file beside the blob's final place, to rename once verified. */
  public Path tempFor(Digest digest) throws IOException {
    Files.createDirectories(blobPath(digest).getParent());
    return blobPath(digest).resolveSibling(digest.hex() + ".tmp");
  }

  public void publish(Path temp, Digest digest) throws IOException {
    Files.move(temp, blobPath(digest), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes a blob held in memory; a blob already in the layout is left as it is. */
  public void writeBlob(Digest digest, byte[] bytes) throws IOException {
    if (Files.exists(blobPath(digest))) {
      return;
    }
    Path temp = tempFor(digest);
    Files.write(temp, bytes);
    publish(temp, digest);
  }

  /** Writes {@code index.json} with one manifest, named {@code refName}, and the layout marker. */
  public void finish(Descriptor manifest, String refName) throws IOException {
    ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", "application/vnd.oci.image.index.v1+json");
    ObjectNode entry = index.putArray("manifests").addObject()
        .put("mediaType", manifest.mediaType().value())
        .put("digest", manifest.digest().toString())
        .put("size", manifest.size());
    entry.set("annotations", JSON.valueToTree(Map.of("org.opencontainers.image.ref.name", refName)));
    Files.write(root.resolve("index.json"), JSON.writeValueAsBytes(index));
    Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }
}
