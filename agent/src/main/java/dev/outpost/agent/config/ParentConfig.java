package dev.outpost.agent.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code parent:} the registry to sync from: either {@code url} or {@code urls} (several addresses of
 * the one parent, in priority order) (+ optional {@code username} with
 * {@code password} or {@code passwordFile}), or an ACR connection string ({@code connectionString}
 * or {@code connectionStringFile}). The {@code *File} keys name files holding the secret alone (a
 * mounted Kubernetes Secret, for instance); they are read when a sync pass starts, so a rotated
 * secret is used from the next pass on. Secrets are never printed. TLS to the parent trusts the
 * system's CAs, plus those of {@code caFile} (PEM) when set; {@code insecure: true} trusts any
 * certificate and is warned about at every pass.
 *
 * <p>{@code auth: {type: entra, clientId, tenantId}} authenticates with Entra ID instead of a username
 * and password. {@code type: acr} says the parent is an Azure Container Registry whatever its host
 * (a private endpoint under a custom name), {@code type: oci} that it is not; by default a host under
 * {@code azurecr.io} (or a connection string) means ACR, whose listing API is then used.
 */
public record ParentConfig(String url, List<String> urls, String username, String password, Path passwordFile,
    String connectionString, Path connectionStringFile, Path caFile, Boolean insecure, ParentAuthConfig auth,
    String type) {
  public static final String TYPE_ACR = "acr";
  public static final String TYPE_OCI = "oci";

  /** The form before {@code auth} and {@code type}. */
  public ParentConfig(String url, List<String> urls, String username, String password, Path passwordFile,
      String connectionString, Path connectionStringFile, Path caFile, Boolean insecure) {
    this(url, urls, username, password, passwordFile, connectionString, connectionStringFile, caFile, insecure, null, null);
  }

  public ParentConfig {
    if (type != null && !type.equals(TYPE_ACR) && !type.equals(TYPE_OCI)) {
      throw new ConfigValueException("parent.type", "must be acr (an Azure Container Registry: its listing API is used) "
          + "or oci (any other registry), not '" + type + "'");
    }
    if (auth != null && (username != null || password != null || passwordFile != null)) {
      throw new ConfigValueException("parent.auth", "set either parent.auth (Entra ID) or parent.username and "
          + "parent.password(File), not both");
    }
    if (url != null && urls != null) {
      throw new ConfigValueException("parent.urls", "set either parent.url (one address) or parent.urls (several, in "
          + "priority order), not both");
    }
    if (urls != null) {
      if (urls.isEmpty()) {
        throw new ConfigValueException("parent.urls", "is empty: list the parent's addresses in priority order");
      }
      if (connectionString != null || connectionStringFile != null) {
        throw new ConfigValueException("parent.urls", "set either parent.urls or parent.connectionString(File), not both");
      }
      for (String address : urls) {
        if (address == null || !(address.startsWith("http://") || address.startsWith("https://"))) {
          throw new ConfigValueException("parent.urls", "every address must start with http:// or https:// (got '"
              + address + "')");
        }
      }
      urls = List.copyOf(urls);
    }
    if (caFile != null && Boolean.TRUE.equals(insecure)) {
      throw new ConfigValueException("parent.insecure", "set either parent.caFile (trust a private CA) or parent.insecure "
          + "(trust any certificate), not both");
    }
    if (url != null && (connectionString != null || connectionStringFile != null)) {
      throw new ConfigValueException(connectionString != null ? "parent.connectionString" : "parent.connectionStringFile",
          "set either parent.url or parent.connectionString(File), not both");
    }
    if (connectionString != null && connectionStringFile != null) {
      throw new ConfigValueException("parent.connectionStringFile",
          "set either parent.connectionString or parent.connectionStringFile, not both");
    }
    if (password != null && passwordFile != null) {
      throw new ConfigValueException("parent.passwordFile", "set either parent.password or parent.passwordFile, not both");
    }
    if (username != null && password == null && passwordFile == null) {
      throw new ConfigValueException("parent.username", "needs parent.password or parent.passwordFile too");
    }
    if ((password != null || passwordFile != null) && username == null) {
      throw new ConfigValueException(password != null ? "parent.password" : "parent.passwordFile", "needs parent.username too");
    }
    if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new ConfigValueException("parent.url", "must start with http:// or https:// (got '" + url + "')");
    }
  }

  /** A parent given only by an ACR connection string (from the environment). */
  public static ParentConfig ofConnectionString(String connectionString) {
    return new ParentConfig(null, null, null, null, null, connectionString, null, null, null, null, null);
  }

  /** {@code parent.insecure: true}: the parent's TLS certificate is not checked (a lab, never a site). */
  public boolean isInsecure() {
    return Boolean.TRUE.equals(insecure);
  }

  public boolean isConfigured() {
    return url != null || urls != null || connectionString != null || connectionStringFile != null;
  }

  @Override
  public String toString() {
    return "ParentConfig[url=" + url + ", urls=" + urls + ", username=" + username + ", password=" + (password == null ? "-" : "***")
        + ", passwordFile=" + passwordFile + ", connectionString=" + (connectionString == null ? "-" : "***")
        + ", connectionStringFile=" + connectionStringFile + ", caFile=" + caFile + ", insecure=" + insecure
        + ", auth=" + auth + ", type=" + type + "]";
  }
}
