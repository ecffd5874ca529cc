package dev.outpost.serve.tls;

/**
 * A certificate or key file cannot be used: unreadable, not PEM, an unsupported or encrypted key,
 * or a key that does not belong to the certificate. The message names the file and never contains
 * key material.
 */
public final class TlsMaterialException extends RuntimeException {
  public TlsMaterialException(String message) {
    super(message);
  }

  public TlsMaterialException(String message, Throwable cause) {
    super(message, cause);
  }
}
