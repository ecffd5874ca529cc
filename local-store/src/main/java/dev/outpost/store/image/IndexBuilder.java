package dev.outpost.store.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds an OCI image index or a Docker manifest list over images, each entry carrying its
 * platform. Deterministic: entries keep the order they were added in.
 */
public final class IndexBuilder {
  private final MediaType mediaType;
  private final List<Image> images = new ArrayList<>();
  private final List<Platform> platforms = new ArrayList<>();

  private IndexBuilder(MediaType mediaType) {
    this.mediaType = mediaType;
  }

  public static IndexBuilder oci() {
    return new IndexBuilder(MediaType.OCI_INDEX);
  }

  public static IndexBuilder dockerManifestList() {
    return new IndexBuilder(MediaType.DOCKER_MANIFEST_LIST);
  }

  public IndexBuilder add(Image image, Platform platform) {
    images.add(image);
    platforms.add(platform);
    return this;
  }

  public Index build() {
    ObjectNode index = ManifestJson.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", mediaType.value());
    ArrayNode manifests = index.putArray("manifests");
    for (int i = 0; i < images.size(); i++) {
      Descriptor d = images.get(i).descriptor();
      manifests.add(ManifestJson.descriptor(new Descriptor(d.mediaType(), d.digest(), d.size(),
          Optional.of(platforms.get(i)), Optional.empty(), Map.of())));
    }
    byte[] bytes = ManifestJson.bytes(index);
    return new Index(ManifestContent.of(bytes, mediaType), images);
  }
}
