package dev.outpost.store.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI image layout directory being written: verified blobs under {@code blobs/<alg>/<hex>}, then
 * {@code index.json} naming one manifest, and {@code oci-layout}. Skopeo, podman and umoci read it
 * ({@code oci:DIR:TAG}). Used by {@code outpost pull} and by test fixtures that seed registries.
 */
public final class OciLayout {
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

  /**
   * Writes {@code index.json} with one manifest, named {@code refName}, and the layout marker. Of
   * {@code manifest} only media type, digest and size are written.
   */
  public void finish(Descriptor manifest, String refName) throws IOException {
    Descriptor named = new Descriptor(manifest.mediaType(), manifest.digest(), manifest.size(), Optional.empty(),
        Optional.empty(), Map.of("org.opencontainers.image.ref.name", refName));
    ObjectNode index = ManifestJson.object().put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX.value());
    index.putArray("manifests").add(ManifestJson.descriptor(named));
    Files.write(root.resolve("index.json"), ManifestJson.bytes(index));
    Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }
}
