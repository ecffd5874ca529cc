package dev.outpost.store.manifest;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An OCI image manifest or a Docker schema 2 manifest: a config blob and layer blobs. */
public record ImageManifest(
    MediaType mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Optional<Descriptor> subject,
    Optional<String> artifactType) implements ParsedManifest {

  public ImageManifest {
    layers = List.copyOf(layers);
  }

  /** The config first, then the layers: all of them are blobs. */
  @Override
  public List<Descriptor> children() {
    List<Descriptor> all = new ArrayList<>(layers.size() + 1);
    all.add(config);
    all.addAll(layers);
    return List.copyOf(all);
  }
}
