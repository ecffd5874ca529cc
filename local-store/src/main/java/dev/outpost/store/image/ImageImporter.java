package dev.outpost.store.image;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes images built in memory ({@link ImageBuilder}, {@link IndexBuilder}) into a store through
 * its public write API, in the order sync uses: blobs ingested and verified, then manifests
 * bottom-up, then the tags (closure before visibility). For samples, demos and tests.
 */
public final class ImageImporter {
  private final LocalStore store;

  public ImageImporter(LocalStore store) {
    this.store = store;
  }

  /** Writes {@code image}'s blobs and manifest into {@code repository}, then points each tag at it. */
  public Digest importImage(RepositoryName repository, Image image, Tag... tags) {
    for (Map.Entry<Digest, byte[]> blob : image.blobs().entrySet()) {
      blob(blob.getKey(), blob.getValue());
    }
    return importManifest(repository, image.manifest(), tags);
  }

  /** Writes every image of {@code index}, then the index, then points each tag at the index. */
  public Digest importIndex(RepositoryName repository, Index index, Tag... tags) {
    for (Image image : index.images()) {
      importImage(repository, image);
    }
    return importManifest(repository, index.manifest(), tags);
  }

  /** Commits a manifest whose blobs and children are already in the store, then points each tag at it. */
  public Digest importManifest(RepositoryName repository, ManifestContent manifest, Tag... tags) {
    store.commitManifest(repository, manifest, Set.of());
    for (Tag tag : tags) {
      store.commitTag(repository, tag, manifest.digest());
    }
    return manifest.digest();
  }

  /** Ingests {@code content} unless the store already holds it; returns the stored blob. */
  public BlobInfo blob(byte[] content) {
    return blob(Digest.sha256(content), content);
  }

  private BlobInfo blob(Digest digest, byte[] content) {
    Optional<BlobInfo> stored = store.stat(digest);
    if (stored.isPresent()) {
      return stored.get();
    }
    try (BlobIngest ingest = store.openIngest(digest, content.length, "import")) {
      // A resumed ingest already holds a verified prefix of these very bytes: write the rest.
      int from = (int) ingest.offset();
      ingest.write(content, from, content.length - from);
      return ingest.commit();
    }
  }
}
