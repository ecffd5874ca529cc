package dev.outpost.agent.config;

/**
 * A configuration record refused a value. {@link #key()} is the full key path as written in the
 * file ({@code sync.chunkSizeMb}), so {@link ConfigLoader} can report the line of that key; a
 * missing key is reported at its nearest enclosing key. The reason never contains a secret.
 */
public final class ConfigValueException extends IllegalArgumentException {
  private final String key;
  private final String reason;

  public ConfigValueException(String key, String reason) {
    super(key + ": " + reason);
    this.key = key;
    this.reason = reason;
  }

  public String key() {
    return key;
  }

  public String reason() {
    return reason;
  }
}
