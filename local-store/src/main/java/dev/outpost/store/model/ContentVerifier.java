package dev.outpost.store.model;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Hash, count, compare: the one check that content is what its digest (and, when known, its size)
 * says. Fed as bytes stream past, so memory does not grow with the content; {@link #verify()} at
 * the end throws {@link DigestMismatchException} on a short, long or different stream. Writers that
 * must refuse excess early ask {@link #remaining()}. Not thread-safe: one stream, one verifier.
 */
public final class ContentVerifier {
  private final Digest expected;
  private final OptionalLong expectedSize;
  private final MessageDigest hasher;
  private long count;

  private ContentVerifier(Digest expected, OptionalLong expectedSize) {
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.hasher = expected.newHasher();
  }

  /** Content that must hash to {@code expected} and be exactly {@code size} bytes long. */
  public static ContentVerifier of(Digest expected, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("expected size of " + expected + " is negative: " + size);
    }
    return new ContentVerifier(expected, OptionalLong.of(size));
  }

  /** Content of any length that must hash to {@code expected} (a manifest asked for by digest). */
  public static ContentVerifier of(Digest expected) {
    return new ContentVerifier(expected, OptionalLong.empty());
  }

  /** Verifies {@code content}, whole in memory, against {@code expected}; returns {@code expected}. */
  public static Digest verify(byte[] content, Digest expected) {
    ContentVerifier verifier = of(expected);
    verifier.update(content, 0, content.length);
    verifier.verify();
    return expected;
  }

  public void update(byte[] buffer, int from, int length) {
    hasher.update(buffer, from, length);
    count += length;
  }

  /** Bytes seen so far. */
  public long count() {
    return count;
  }

  /** Bytes still expected, or {@link Long#MAX_VALUE} when the size is not known. */
  public long remaining() {
    return expectedSize.isPresent() ? expectedSize.getAsLong() - count : Long.MAX_VALUE;
  }

  public Digest expected() {
    return expected;
  }

  /** Throws {@link DigestMismatchException} unless the bytes seen are the expected size and hash. */
  public void verify() {
    if (expectedSize.isPresent() && count != expectedSize.getAsLong()) {
      throw new DigestMismatchException(expected, "got " + count + " bytes, expected " + expectedSize.getAsLong());
    }
    byte[] actual = hasher.digest();
    if (!expected.matches(actual)) {
      throw new DigestMismatchException(expected, "the " + count + " bytes hash to " + expected.algorithm() + ":"
          + HexFormat.of().formatHex(actual));
    }
  }
}
