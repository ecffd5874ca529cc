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
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code parent:} (url + credentials, or an ACR connection string) into a parent endpoint,
 * reading the secrets that the configuration names by file each time it is asked.
 */
public final class ParentFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ParentFactory.class);
  private ParentFactory() {}

  /** The parent as configured now (secret files read once). */
  public static Optional<ParentEndpoint> parentOf(OutpostConfig config) {
    return sourceOf(config).map(Supplier::get);
  }

  /**
   * Reads the parent anew at each {@code get()}: secret files may have been rotated since. Each
   * endpoint can also re-read its secret file when the parent rejects the credentials mid-pass; one
   * reader serves all of them, so endpoints read from unchanged files stay equal.
   */
  public static Optional<Supplier<ParentEndpoint>> sourceOf(OutpostConfig config) {
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
   * TLS trust from {@code parent.caFile}/{@code parent.insecure}, and the proxy from the process's
   * {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY}, as every other registry client reads them.
   */
  static Transport transport(ParentConfig parent) {
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
      return new Transport(tls, EnvironmentProxies.of(System.getenv()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("proxy environment: " + e.getMessage(), e);
    }
  }

  /**
   * {@code parent.auth} (Entra ID) and {@code parent.type} (ACR or not) on top of the addresses; without
   * {@code type}, ACR is recognised by its host or by a connection string.
   */
  private static ParentEndpoint protocol(ParentConfig parent, ParentEndpoint endpoint) {
    ParentEndpoint result = endpoint;
    if (parent.auth() != null) {
      result = result.withEntra(EntraIdentity.of(Optional.ofNullable(parent.auth().clientId()),
          Optional.ofNullable(parent.auth().tenantId())));
    }
    if (parent.type() != null) {
      result = result.withAcr(parent.type().equals(ParentConfig.TYPE_ACR));
    }
    return result;
  }

  private static ParentEndpoint endpoint(ParentConfig parent) {
    try {
      return protocol(parent, addresses(parent)).withTransport(transport(parent));
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
