package dev.outpost.sync.bundle;

import dev.outpost.sync.http.PermanentFailure;
import java.io.IOException;

/**
 * Writing a layout failed on this side (the output disk, or content that does not match its
 * digest): asking the source again would not help, so the one retry policy does not retry it.
 */
public final class BundleWriteException extends IOException implements PermanentFailure {
  public BundleWriteException(String message, Throwable cause) {
    super(message, cause);
  }

  public BundleWriteException(String message) {
    super(message);
  }
}
