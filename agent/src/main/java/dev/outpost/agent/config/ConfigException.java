package dev.outpost.agent.config;

/**
 * The configuration is unusable. The message names the file, the line where known, and the key,
 * and never contains a secret value.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
