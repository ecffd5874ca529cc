package dev.outpost.agent.samples;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.Map;
import java.util.Set;

/**
 * Writes locally built images into a store through the same path sync uses: blobs ingested and
 * verified, then manifests bottom-up, then the tag (closure before visibility).
 */
public final class ImageImporter {
  private final LocalStore store;

  public ImageImporter(LocalStore store) {
    this.store = store;
  }

  public void importImage(RepositoryName repository, Tag tag, Image image) {
    putImage(repository, image);
    store.commitTag(repository, tag, image.digest());
  }

  public void importIndex(RepositoryName repository, Tag tag, Index index) {
    for (Image image : index.images()) {
      putImage(repository, image);
    }
    store.commitManifest(repository, index.manifest(), Set.of());
    store.commitTag(repository, tag, index.digest());
  }

  private void putImage(RepositoryName repository, Image image) {
    for (Map.Entry<Digest, byte[]> blob : image.blobs().entrySet()) {
      putBlob(blob.getKey(), blob.getValue());
    }
    store.commitManifest(repository, image.manifest(), Set.of());
  }

  private void putBlob(Digest digest, byte[] content) {
    if (store.stat(digest).isPresent()) {
      return;
    }
    try (BlobIngest ingest = store.openIngest(digest, content.length, "import")) {
      // A resumed ingest already holds a verified prefix of these very bytes: write the rest.
      int from = (int) ingest.offset();
      ingest.write(content, from, content.length - from);
      ingest.commit();
    }
  }
}
