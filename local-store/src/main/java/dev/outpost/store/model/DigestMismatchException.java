package dev.outpost.store.model;

/**
 * Content did not hash to (or was not the size of) the digest it was asked for, so it is not that
 * content: whoever held it discards it. The one exception for this fact, for blobs and manifests,
 * in the store, in sync and in {@code outpost pull}; thrown by {@link ContentVerifier}.
 */
public final class DigestMismatchException extends RuntimeException {
  private final Digest expected;

  public DigestMismatchException(Digest expected, String detail) {
    super("content for " + expected + " failed verification: " + detail);
    this.expected = expected;
  }

  public Digest expected() {
    return expected;
  }
}
