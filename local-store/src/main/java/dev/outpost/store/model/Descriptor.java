package dev.outpost.store.model;

import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor: what a manifest says about a piece of content it references. The
 * size and digest come from the referencing manifest and are checked against the bytes Outpost
 * computes, never trusted on their own.
 */
public record Descriptor(
    MediaType mediaType,
    Digest digest,
    long size,
    Optional<Platform> platform,
    Optional<String> artifactType,
    Map<String, String> annotations) {

  public Descriptor {
    if (size < 0) {
      throw new InvalidValueException(InvalidValueException.Kind.MANIFEST,
          "descriptor " + digest + " has a negative size");
    }
    annotations = Map.copyOf(annotations);
  }

  public static Descriptor of(MediaType mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, Optional.empty(), Optional.empty(), Map.of());
  }
}
