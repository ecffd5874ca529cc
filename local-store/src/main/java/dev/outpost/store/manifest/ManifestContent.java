package dev.outpost.store.manifest;

import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.util.Arrays;
import java.util.Objects;

/**
 * The exact bytes of a manifest, the Content-Type it arrived (or is served) with, and its digest.
 * Verified by its type: the only ways to make one hash the bytes ({@link #verified} against a digest
 * asked for, {@link #of} computing the digest), so whoever holds one (the store committing it, a
 * server serving it) need not hash it again. Immutable.
 */
public final class ManifestContent {
  private final byte[] bytes;
  private final MediaType contentType;
  private final Digest digest;

  private ManifestContent(byte[] bytes, MediaType contentType, Digest digest) {
    this.bytes = bytes;
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.digest = digest;
  }

  /**
   * The manifest asked for by {@code expected}: hashes {@code bytes} with its algorithm and throws
   * {@link dev.outpost.store.model.DigestMismatchException} unless they match.
   */
  public static ManifestContent verified(byte[] bytes, MediaType contentType, Digest expected) {
    byte[] copy = bytes.clone();
    return new ManifestContent(copy, contentType, ContentVerifier.verify(copy, expected));
  }

  /** A manifest asked for by tag, or built here: its digest is the sha256 of {@code bytes}. */
  public static ManifestContent of(byte[] bytes, MediaType contentType) {
    byte[] copy = bytes.clone();
    return new ManifestContent(copy, contentType, Digest.sha256(copy));
  }

  /** A defensive copy: the bytes never change. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public MediaType contentType() {
    return contentType;
  }

  public Digest digest() {
    return digest;
  }

  public int size() {
    return bytes.length;
  }

  /** The descriptor an index or a subject field uses to point at this manifest. */
  public Descriptor descriptor() {
    return Descriptor.of(contentType, digest, bytes.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManifestContent m && m.digest.equals(digest) && m.contentType.equals(contentType)
        && Arrays.equals(m.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "ManifestContent[" + contentType + " " + digest + ", " + bytes.length + " bytes]";
  }
}
