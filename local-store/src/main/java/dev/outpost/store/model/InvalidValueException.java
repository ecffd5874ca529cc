package dev.outpost.store.model;

/**
 * A value from outside (a request path, a manifest, a config file) failed validation in its factory.
 * The {@link Kind} says what kind of value it was, so that the HTTP edge can map it to the
 * distribution-spec error code without parsing messages.
 */
public final class InvalidValueException extends IllegalArgumentException {
  /** What kind of value was rejected. */
  public enum Kind { DIGEST, NAME, TAG, REFERENCE, MEDIA_TYPE, MANIFEST, PLATFORM, PATTERN }

  private final Kind kind;

  public InvalidValueException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public InvalidValueException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
