package dev.outpost.store.manifest;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;

/**
 * The exact bytes of a manifest, the Content-Type it arrived (or is served) with, and the digest
 * Outpost computed over those bytes. Construct through {@link #verified}, which hashes.
 */
public record ManifestContent(byte[] bytes, MediaType contentType, Digest digest) {

  /**
   * Hashes {@code bytes} and compares with {@code expected} (when given). Throws
   * {@link dev.outpost.store.model.InvalidValueException} (kind DIGEST) on a mismatch.
   */
  public static ManifestContent verified(byte[] bytes, MediaType contentType, Digest expected) {
    Digest actual = Digest.sha256(bytes);
    if (expected != null && !expected.equals(actual)) {
      throw new dev.outpost.store.model.InvalidValueException(
          dev.outpost.store.model.InvalidValueException.Kind.DIGEST,
          "manifest digest mismatch: expected " + expected + " but the bytes hash to " + actual);
    }
    return new ManifestContent(bytes.clone(), contentType, actual);
  }

  /** A defensive copy: the stored bytes never change. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** The descriptor an index or a subject field uses to point at this manifest. */
  public Descriptor descriptor() {
    return Descriptor.of(contentType, digest, bytes.length);
  }
}
