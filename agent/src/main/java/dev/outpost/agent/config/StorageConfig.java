package dev.outpost.agent.config;

import java.nio.file.Path;

/** {@code storage:} where the content store lives. */
public record StorageConfig(Path path) {
  public StorageConfig {
    if (path == null) {
      throw new IllegalArgumentException("storage.path is required");
    }
  }
}
