package dev.outpost.store;

import dev.outpost.store.model.Digest;

/** Content did not hash to (or was not the size of) what was asked for; it was discarded. */
public final class DigestMismatchException extends StoreException {
  private final Digest expected;

  public DigestMismatchException(Digest expected, String detail) {
    super("content for " + expected + " failed verification: " + detail);
    this.expected = expected;
  }

  public Digest expected() {
    return expected;
  }
}
