package dev.outpost.store.manifest;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import java.util.List;
import java.util.Optional;

/** An OCI image index or a Docker manifest list: references to child manifests. */
public record ImageIndex(
    MediaType mediaType,
    List<Descriptor> manifests,
    Optional<Descriptor> subject,
    Optional<String> artifactType) implements ParsedManifest {

  public ImageIndex {
    manifests = List.copyOf(manifests);
  }

  @Override
  public List<Descriptor> children() {
    return manifests;
  }
}
