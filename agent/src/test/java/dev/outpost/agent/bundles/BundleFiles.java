package dev.outpost.agent.bundles;

import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A minimal test-only bundle writer after CONTRACTS-8 (directory parts; the real writer is
 * {@code bundle create}): one image as {@code repo:tag}, its manifest and config in part 1, its
 * layers in the last part.
 */
public final class BundleFiles {
  private BundleFiles() {}

  /** Writes the parts under {@code root}; returns the part itself when there is one, else {@code root}. */
  public static Path write(Path root, RepositoryName repo, Tag tag, Image image, int parts) throws IOException {
    TreeMap<Digest, BundleManifest.Item> content = new TreeMap<>();
    Map<Digest, byte[]> bytes = new TreeMap<>(image.blobs());
    bytes.put(image.digest(), image.manifest().bytes());
    bytes.forEach((d, b) -> content.put(d, new BundleManifest.Item(b.length,
        d.equals(image.digest()) ? Optional.of(image.manifest().contentType()) : Optional.empty(),
        d.equals(image.digest()) || d.equals(image.configDigest()) ? 1 : parts)));
    BundleManifest manifest = new BundleManifest(UUID.randomUUID().toString(), Instant.parse("2025-01-01T00:00:00Z"),
        "test", Optional.empty(), 1, parts, new TreeMap<>(Map.of(repo, BundleManifest.RepositoryContent.of(
            Map.of(tag, image.digest()), Set.of(image.digest())))), content);
    for (int n = 1; n <= parts; n++) {
      Path part = root.resolve(parts == 1 ? "bundle" : "part-" + n + "-of-" + parts);
      Files.createDirectories(part.resolve("blobs/sha256"));
      Files.writeString(part.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      for (Map.Entry<Digest, byte[]> e : bytes.entrySet()) {
        if (content.get(e.getKey()).part() == n) {
          Files.write(part.resolve("blobs/sha256/" + e.getKey().hex()), e.getValue());
        }
      }
      // Written last, as the contract asks: a part without it is incomplete.
      Files.write(part.resolve(BundleManifest.FILE_NAME), BundleJson.write(manifest.forPart(n)));
    }
    return parts == 1 ? root.resolve("bundle") : root;
  }
}
