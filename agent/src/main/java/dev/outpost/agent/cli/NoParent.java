package dev.outpost.agent.cli;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import java.nio.file.Path;

/**
 * What {@code sync}, {@code sync --dry-run} and {@code resync} answer on a site with no parent: such a
 * site has no link and gets its content from bundles, so asking it to sync is a configuration
 * question (exit {@link ExitCodes#CONFIG}), answered with what it does instead and how to give it a parent.
 */
final class NoParent {
  private NoParent() {}

  /** Throws the one explanation when {@code config} names no parent. */
  static void refuseSyncWithout(OutpostConfig config, Path configFile) {
    if (config.parentIfConfigured().isEmpty()) {
      throw new ConfigException(configFile + ": this site has no parent (parent is not configured), so it does not sync;"
          + " it imports bundles: 'outpost bundle import PATH...', or import.watch in the configuration."
          + " To sync from a parent, set parent.url or parent.connectionString, or the environment variable "
          + ConfigLoader.CONNECTION_STRING_ENV);
    }
  }
}
