package dev.outpost.agent.runtime;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.config.ParentConfig;
import dev.outpost.sync.parent.ParentEndpoint;
import java.util.Optional;

/** Turns {@code parent:} (url + credentials, or an ACR connection string) into a parent endpoint. */
public final class ParentFactory {
  private ParentFactory() {}

  public static Optional<ParentEndpoint> parentOf(OutpostConfig config) {
    return config.parentIfConfigured().map(ParentFactory::endpoint);
  }

  private static ParentEndpoint endpoint(ParentConfig parent) {
    try {
      return parent.connectionStringValue()
          .map(ParentEndpoint::fromConnectionString)
          .orElseGet(() -> ParentEndpoint.fromUrl(parent.url(), parent.username(), parent.password()));
    } catch (IllegalArgumentException e) {
      // The message names the bad key of the connection string and never its password.
      throw new ConfigException("parent: " + e.getMessage(), e);
    }
  }
}
