package dev.outpost.serve.it;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Puts images into a real store through its public write API, as the sync engine would. */
final class Seeder {
  private final LocalStore store;

  Seeder(LocalStore store) {
    this.store = store;
  }

  BlobInfo blob(byte[] content) {
    if (store.stat(Digest.sha256(content)).isPresent()) {
      return store.stat(Digest.sha256(content)).get();
    }
    try (BlobIngest ingest = store.openIngest(Digest.sha256(content), content.length, "test")) {
      ingest.write(content, 0, content.length);
      return ingest.commit();
    }
  }

  Digest image(String repository, Image image, String... tags) {
    image.blobs().values().forEach(this::blob);
    return manifest(repository, image.manifest(), tags);
  }

  Digest index(String repository, Index index, String... tags) {
    for (Image child : index.images()) {
      image(repository, child);
    }
    return manifest(repository, index.manifest(), tags);
  }

  Digest manifest(String repository, ManifestContent manifest, String... tags) {
    RepositoryName name = RepositoryName.of(repository);
    store.commitManifest(name, manifest, Set.of());
    for (String tag : tags) {
      store.commitTag(name, Tag.of(tag), manifest.digest());
    }
    return manifest.digest();
  }

  /** An OCI image manifest without a mediaType field: its type is known only from Content-Type. */
  ManifestContent bareManifest(byte[] config, byte[] layer) {
    BlobInfo c = blob(config);
    BlobInfo l = blob(layer);
    String json = "{\n  \"schemaVersion\": 2,\n  \"config\": {\"mediaType\": \"" + MediaType.OCI_CONFIG.value()
        + "\", \"digest\": \"" + c.digest() + "\", \"size\": " + c.size() + "},\n  \"layers\": [{\"mediaType\": \""
        + MediaType.OCI_LAYER_TAR.value() + "\", \"digest\": \"" + l.digest() + "\", \"size\": " + l.size() + "}]\n}\n";
    return ManifestContent.verified(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST, null);
  }
}
