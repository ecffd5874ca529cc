package dev.outpost.store.image;

import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import java.util.List;

/** A built OCI index or Docker manifest list and the images it references, in index order. */
public record Index(ManifestContent manifest, List<Image> images) {

  public Index {
    images = List.copyOf(images);
  }

  public Digest digest() {
    return manifest.digest();
  }

  /** The descriptor an index or a subject field uses to point at this manifest. */
  public Descriptor descriptor() {
    return manifest.descriptor();
  }
}
