package dev.outpost.agent.config;

import java.util.Optional;

/**
 * {@code parent:} the registry to sync from: either {@code url} (+ optional {@code username} and
 * {@code password}), or an ACR {@code connectionString}. Secrets are never printed.
 */
public record ParentConfig(String url, String username, String password, String connectionString) {
  public ParentConfig {
    if (url != null && connectionString != null) {
      throw new ConfigValueException("parent.connectionString", "set either parent.url or parent.connectionString, not both");
    }
    if (username != null && password == null) {
      throw new ConfigValueException("parent.username", "needs parent.password too");
    }
    if (password != null && username == null) {
      throw new ConfigValueException("parent.password", "needs parent.username too");
    }
    if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new ConfigValueException("parent.url", "must start with http:// or https:// (got '" + url + "')");
    }
  }

  public Optional<String> connectionStringValue() {
    return Optional.ofNullable(connectionString);
  }

  public boolean isConfigured() {
    return url != null || connectionString != null;
  }

  @Override
  public String toString() {
    return "ParentConfig[url=" + url + ", username=" + username + ", password=" + (password == null ? "-" : "***")
        + ", connectionString=" + (connectionString == null ? "-" : "***") + "]";
  }
}
