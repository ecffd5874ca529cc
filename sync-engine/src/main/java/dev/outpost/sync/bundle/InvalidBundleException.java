package dev.outpost.sync.bundle;

import java.io.IOException;

/** A bundle manifest or inventory that cannot be read: names the file and the field at fault. */
public final class InvalidBundleException extends IOException {
  public InvalidBundleException(String message) {
    super(message);
  }

  public InvalidBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
