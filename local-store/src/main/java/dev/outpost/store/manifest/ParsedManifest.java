package dev.outpost.store.manifest;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import java.util.List;
import java.util.Optional;

/**
 * A manifest after parsing: what it references. The bytes it came from are kept separately in
 * {@link ManifestContent}, because they, not this model, are what gets stored and served.
 */
public sealed interface ParsedManifest permits ImageManifest, ImageIndex {
  /** The media type (from the document's {@code mediaType} field, else from the Content-Type). */
  MediaType mediaType();

  /** The manifest this one refers to (signatures, SBOMs), if any. */
  Optional<Descriptor> subject();

  /** The OCI {@code artifactType}, if any. */
  Optional<String> artifactType();

  /** Everything this manifest references that must be present before it is visible. */
  List<Descriptor> children();
}
