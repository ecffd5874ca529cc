package dev.outpost.agent.config;

import java.nio.file.Path;

/** {@code storage:} where the content store lives. */
public record StorageConfig(Path path) {
  static final String REQUIRED = "required: where the store lives, such as /var/lib/outpost";

  public StorageConfig {
    if (path == null) {
      throw new ConfigValueException("storage.path", REQUIRED);
    }
  }
}
