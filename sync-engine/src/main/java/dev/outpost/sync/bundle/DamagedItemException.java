package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import java.io.IOException;

/**
 * A part lists an item but does not hold it whole: its file is missing, or not the listed size, or
 * ends early. No other part will bring it (each digest is carried once), so the images needing it
 * are refused, not left waiting.
 */
public final class DamagedItemException extends IOException {
  private final Digest digest;

  public DamagedItemException(Digest digest, String message) {
    super(message);
    this.digest = digest;
  }

  public Digest digest() {
    return digest;
  }
}
