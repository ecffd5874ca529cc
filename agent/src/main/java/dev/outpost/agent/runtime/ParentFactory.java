package dev.outpost.agent.runtime;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.config.ParentConfig;
import dev.outpost.agent.config.SecretFile;
import dev.outpost.sync.auth.CredentialReader;
import dev.outpost.sync.auth.entra.EntraIdentity;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code parent:} (url + credentials, or an ACR connection string) into a parent endpoint,
 * reading the secrets that the configuration names by file each time it is asked. The environment it
 * is given (the process's, from {@code Main}; a test's own) is the one the parent's proxies
 * ({@code HTTPS_PROXY}, {@code NO_PROXY}) and Azure Identity ({@code AZURE_FEDERATED_TOKEN_FILE},
 * {@code AZURE_AUTHORITY_HOST}, …) are read from; nothing here reads the process environment itself.
 */
public final class ParentFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ParentFactory.class);
  private final Map<String, String> environment;

  public ParentFactory(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The parent as configured now (secret files read once). */
  public Optional<ParentEndpoint> parentOf(OutpostConfig config) {
    return sourceOf(config).map(Supplier::get);
  }

  /**
   * Reads the parent anew at each {@code get()}: secret files may have been rotated since. Each
   * endpoint can also re-read its secret file when the parent rejects the credentials mid-pass; one
   * reader serves all of them, so endpoints read from unchanged files stay equal.
   */
  public Optional<Supplier<ParentEndpoint>> sourceOf(OutpostConfig config) {
    return config.parentIfConfigured().map(parent -> {
      CredentialReader reader = credentialReader(parent);
      return () -> endpoint(parent).withCredentialReader(reader);
    });
  }

  /** The secret files alone, read again (no transport, no warnings): what a rejection mid-pass needs. */
  private static CredentialReader credentialReader(ParentConfig parent) {
    if (parent.passwordFile() == null && parent.connectionStringFile() == null) {
      return CredentialReader.NONE; // given inline: a rotation needs a new configuration anyway
    }
    return () -> addresses(parent).credentials();
  }

  /**
   * TLS trust from {@code parent.caFile}/{@code parent.insecure}, and the proxy from the environment's
   * {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY}, as every other registry client reads them.
   */
  Transport transport(ParentConfig parent) {
    if (parent.isInsecure()) {
      LOG.warn("parent.insecure is true: the parent's TLS certificate is NOT checked. Anyone on the path can read "
          + "the sync credentials (content is still verified by digest). Set parent.caFile to trust a private CA instead.");
    }
    TlsTrust tls;
    try {
      tls = parent.isInsecure() ? TlsTrust.trustingAnything()
          : parent.caFile() != null ? TlsTrust.withCaFile(parent.caFile()) : TlsTrust.system();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("parent.caFile: " + e.getMessage(), e);
    }
    try {
      return new Transport(tls, EnvironmentProxies.of(environment));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("proxy environment: " + e.getMessage(), e);
    }
  }

  /**
   * {@code parent.auth} (Entra ID) and {@code parent.type} (ACR or not) on top of the addresses; without
   * {@code type}, ACR is recognised by its host or by a connection string.
   */
  private ParentEndpoint protocol(ParentConfig parent, ParentEndpoint endpoint) {
    ParentEndpoint result = endpoint;
    if (parent.auth() != null) {
      result = result.withEntra(new EntraIdentity(Optional.ofNullable(parent.auth().clientId()),
          Optional.ofNullable(parent.auth().tenantId()), environment));
    }
    if (parent.type() != null) {
      result = result.withAcr(parent.type().equals(ParentConfig.TYPE_ACR));
    }
    return result;
  }

  private ParentEndpoint endpoint(ParentConfig parent) {
    try {
      // A connection string's ManagedIdentityClientId gets the same environment as parent.auth.
      return protocol(parent, addresses(parent)).withEntraEnvironment(environment).withTransport(transport(parent));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("parent: " + e.getMessage(), e);
    }
  }

  /** The addresses and credentials, the secret files read now. */
  private static ParentEndpoint addresses(ParentConfig parent) {
    String connectionString = parent.connectionStringFile() != null
        ? SecretFile.read("parent.connectionStringFile", parent.connectionStringFile())
        : parent.connectionString();
    String password = parent.passwordFile() != null
        ? SecretFile.read("parent.passwordFile", parent.passwordFile())
        : parent.password();
    try {
      return connectionString != null
          ? ParentEndpoint.fromConnectionString(connectionString)
          : parent.urls() != null
              ? ParentEndpoint.fromUrl(parent.urls().getFirst(), parent.username(), password)
                  .withFallbacks(parent.urls().subList(1, parent.urls().size()))
              : ParentEndpoint.fromUrl(parent.url(), parent.username(), password);
    } catch (IllegalArgumentException e) {
      // The message names the bad key of the connection string and never its password.
      throw new ConfigException("parent: " + e.getMessage(), e);
    }
  }
}
