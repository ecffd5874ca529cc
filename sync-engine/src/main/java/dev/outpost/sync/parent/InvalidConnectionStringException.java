package dev.outpost.sync.parent;

/** A connection string or parent URL could not be used. The message never contains a secret. */
public final class InvalidConnectionStringException extends IllegalArgumentException {
  public InvalidConnectionStringException(String message) {
    super(message);
  }
}
