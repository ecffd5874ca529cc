package dev.outpost.agent.runtime;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.config.ParentConfig;
import dev.outpost.agent.config.SecretFile;
import dev.outpost.sync.parent.ParentEndpoint;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns {@code parent:} (url + credentials, or an ACR connection string) into a parent endpoint,
 * reading the secrets that the configuration names by file each time it is asked.
 */
public final class ParentFactory {
  private ParentFactory() {}

  /** The parent as configured now (secret files read once). */
  public static Optional<ParentEndpoint> parentOf(OutpostConfig config) {
    return sourceOf(config).map(Supplier::get);
  }

  /** Reads the parent anew at each {@code get()}: secret files may have been rotated since. */
  public static Optional<Supplier<ParentEndpoint>> sourceOf(OutpostConfig config) {
    return config.parentIfConfigured().map(parent -> () -> endpoint(parent));
  }

  private static ParentEndpoint endpoint(ParentConfig parent) {
    String connectionString = parent.connectionStringFile() != null
        ? SecretFile.read("parent.connectionStringFile", parent.connectionStringFile())
        : parent.connectionString();
    String password = parent.passwordFile() != null
        ? SecretFile.read("parent.passwordFile", parent.passwordFile())
        : parent.password();
    try {
      return connectionString != null
          ? ParentEndpoint.fromConnectionString(connectionString)
          : ParentEndpoint.fromUrl(parent.url(), parent.username(), password);
    } catch (IllegalArgumentException e) {
      // The message names the bad key of the connection string and never its password.
      throw new ConfigException("parent: " + e.getMessage(), e);
    }
  }
}
