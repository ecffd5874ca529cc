package dev.outpost.agent.imports;

import dev.outpost.fixtures.OciLayoutWriter;
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
 * A real single-part bundle of one image, laid out as the contract says (an OCI layout plus
 * {@code outpost-bundle.json}), for tests that drive the real import. Written by hand here so the
 * watcher's test does not wait for the bundle writer.
 */
public final class RealBundles {
  private RealBundles() {}

  /** Writes the bundle into {@code dir}; the bundle manifest is the last file written. */
  public static Path oneImage(Path dir, RepositoryName repository, Tag tag, Image image) throws IOException {
    OciLayoutWriter.write(dir, repository.value() + ":" + tag.value(), image);
    TreeMap<Digest, BundleManifest.Item> content = new TreeMap<>();
    image.blobs().forEach((digest, bytes) -> content.put(digest, new BundleManifest.Item(bytes.length, Optional.empty(), 1)));
    content.put(image.digest(), new BundleManifest.Item(image.manifest().size(),
        Optional.of(image.manifest().contentType()), 1));
    BundleManifest manifest = new BundleManifest(UUID.randomUUID().toString(), Instant.now(), "test", Optional.empty(), 1,
        1, new TreeMap<>(Map.of(repository, BundleManifest.RepositoryContent.of(Map.of(tag, image.digest()),
            Set.of(image.digest())))), content);
    Files.write(dir.resolve(BundleManifest.FILE_NAME), BundleJson.write(manifest));
    return dir;
  }
}
