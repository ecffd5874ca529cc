package dev.outpost.serve.it;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Puts images into a real store through {@link ImageImporter}, by repository and tag names. */
final class Seeder {
  private final ImageImporter importer;

  Seeder(LocalStore store) {
    this.importer = new ImageImporter(store);
  }

  BlobInfo blob(byte[] content) {
    return importer.blob(content);
  }

  Digest image(String repository, Image image, String... tags) {
    return importer.importImage(RepositoryName.of(repository), image, tags(tags));
  }

  Digest index(String repository, Index index, String... tags) {
    return importer.importIndex(RepositoryName.of(repository), index, tags(tags));
  }

  Digest manifest(String repository, ManifestContent manifest, String... tags) {
    return importer.importManifest(RepositoryName.of(repository), manifest, tags(tags));
  }

  /** An OCI image manifest without a mediaType field: its type is known only from Content-Type. */
  ManifestContent bareManifest(byte[] config, byte[] layer) {
    BlobInfo c = blob(config);
    BlobInfo l = blob(layer);
    String json = "{\n  \"schemaVersion\": 2,\n  \"config\": {\"mediaType\": \"" + MediaType.OCI_CONFIG.value()
        + "\", \"digest\": \"" + c.digest() + "\", \"size\": " + c.size() + "},\n  \"layers\": [{\"mediaType\": \""
        + MediaType.OCI_LAYER_TAR.value() + "\", \"digest\": \"" + l.digest() + "\", \"size\": " + l.size() + "}]\n}\n";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  private static Tag[] tags(String... tags) {
    return Arrays.stream(tags).map(Tag::of).toArray(Tag[]::new);
  }
}
