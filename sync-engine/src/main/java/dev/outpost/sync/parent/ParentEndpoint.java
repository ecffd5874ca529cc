package dev.outpost.sync.parent;

import dev.outpost.sync.auth.CredentialReader;
import dev.outpost.sync.auth.ParentCredentials;
import dev.outpost.sync.auth.entra.EntraIdentity;
import dev.outpost.sync.http.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the parent registry is and how to authenticate to it. {@code baseUrl} is the registry root
 * ({@code https://host[:port]}, without {@code /v2/}). Credentials are sent only to this host
 * (and to the token realm it names), never to a redirect target. {@link #toString()} redacts.
 *
 * <p>{@code entra}: authenticate with an Entra ID identity (Azure Identity) instead of a username and
 * password. {@code acr}: the parent is an Azure Container Registry, so its own listing API
 * ({@code /acr/v1/…}, through the Azure Container Registry SDK) is used for the catalog and for tag
 * times; by default true when the host is one of ACR's ({@link #isAcrHost}).
 *
 * <p>{@code credentialReader}: where {@code credentials} can be read again when the parent rejects
 * them mid-pass (a rotated password file); {@link CredentialReader#NONE} when they were given once.
 * One reader serves every endpoint read from the same configuration, so equal settings stay equal.
 */
public record ParentEndpoint(URI baseUrl, Optional<ParentCredentials> credentials, Transport transport,
    List<URI> fallbackUrls, Optional<EntraIdentity> entra, boolean acr, CredentialReader credentialReader) {
  /** ACR's registry domains: public Azure, Azure Government, Azure China. */
  private static final List<String> ACR_DOMAINS = List.of(".azurecr.io", ".azurecr.us", ".azurecr.cn");

  /** A parent at these addresses, with Basic credentials or anonymous; ACR when the host is ACR's. */
  public ParentEndpoint(URI baseUrl, Optional<ParentCredentials> credentials, Transport transport, List<URI> fallbackUrls) {
    this(baseUrl, credentials, transport, fallbackUrls, Optional.empty(), isAcrHost(baseUrl), CredentialReader.NONE);
  }

  private ParentEndpoint(URI baseUrl, Optional<ParentCredentials> credentials, Transport transport, List<URI> fallbackUrls,
      Optional<EntraIdentity> entra, boolean acr) {
    this(baseUrl, credentials, transport, fallbackUrls, entra, acr, CredentialReader.NONE);
  }

  /** A parent reached directly at one address, trusting the system's CAs. */
  public ParentEndpoint(URI baseUrl, Optional<ParentCredentials> credentials) {
    this(baseUrl, credentials, Transport.direct(), List.of());
  }

  public ParentEndpoint {
    check(baseUrl);
    fallbackUrls.forEach(ParentEndpoint::check);
    fallbackUrls = List.copyOf(fallbackUrls);
    if (entra.isPresent() && credentials.isPresent()) {
      throw new InvalidConnectionStringException("a parent takes either a username and password or an Entra ID identity, not both");
    }
  }

  /** The same parent reached through {@code transport} (a site CA, a proxy). */
  public ParentEndpoint withTransport(Transport transport) {
    return new ParentEndpoint(baseUrl, credentials, transport, fallbackUrls, entra, acr, credentialReader);
  }

  /** The same parent, whose credentials are read again from {@code reader} when the parent rejects them. */
  public ParentEndpoint withCredentialReader(CredentialReader reader) {
    return new ParentEndpoint(baseUrl, credentials, transport, fallbackUrls, entra, acr, reader);
  }

  /** The same parent, authenticating as {@code identity} through Entra ID (no username or password). */
  public ParentEndpoint withEntra(EntraIdentity identity) {
    return new ParentEndpoint(baseUrl, Optional.empty(), transport, fallbackUrls, Optional.of(identity), acr,
        CredentialReader.NONE);
  }

  /**
   * The same parent, its Entra ID identity (if it has one) reading Azure Identity's settings from
   * {@code environment}; a parent with a username and password, or anonymous, is unchanged.
   */
  public ParentEndpoint withEntraEnvironment(Map<String, String> environment) {
    return entra.map(identity -> withEntra(identity.withEnvironment(environment))).orElse(this);
  }

  /** The same parent, with ACR's listing API used ({@code true}) or not ({@code false}), whatever its host. */
  public ParentEndpoint withAcr(boolean acr) {
    return new ParentEndpoint(baseUrl, credentials, transport, fallbackUrls, entra, acr, credentialReader);
  }

  /** True for {@code <name>.azurecr.io} (and the government and China clouds' domains), data endpoints included. */
  public static boolean isAcrHost(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
    return ACR_DOMAINS.stream().anyMatch(host::endsWith);
  }

  /**
   * The same parent, also reachable at {@code urls} (tried in this order after {@link #baseUrl}: a
   * private endpoint first, then the public one or a replica). Same credentials and transport.
   */
  public ParentEndpoint withFallbacks(List<String> urls) {
    return new ParentEndpoint(baseUrl, credentials, transport, urls.stream().map(ParentEndpoint::uri).toList(), entra, acr,
        credentialReader);
  }

  /** Every address in priority order, each as a parent of its own (without fallbacks). */
  public List<ParentEndpoint> inPriorityOrder() {
    List<ParentEndpoint> all = new ArrayList<>();
    all.add(new ParentEndpoint(baseUrl, credentials, transport, List.of(), entra, acr, credentialReader));
    fallbackUrls.forEach(url -> all.add(new ParentEndpoint(url, credentials, transport, List.of(), entra, acr, credentialReader)));
    return all;
  }

  private static void check(URI baseUrl) {
    String scheme = baseUrl.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
      throw new InvalidConnectionStringException("parent URL must be http(s)://host[:port], not " + redact(baseUrl));
    }
    if (baseUrl.getRawUserInfo() != null) {
      throw new InvalidConnectionStringException("parent URL must not carry credentials; pass them separately");
    }
  }

  /** A parent at {@code url}, with Basic credentials when {@code username} is non-null. */
  public static ParentEndpoint fromUrl(String url, String username, String password) {
    Optional<ParentCredentials> credentials = username == null || username.isEmpty()
        ? Optional.empty() : Optional.of(new ParentCredentials(username, password == null ? "" : password));
    return new ParentEndpoint(uri(url), credentials);
  }

  private static URI uri(String url) {
    try {
      return stripPath(new URI(url == null ? "" : url.trim()));
    } catch (URISyntaxException e) {
      throw new InvalidConnectionStringException("parent URL is not a URL: " + e.getReason());
    }
  }

  /**
   * The parent named by an ACR connection string: an ACR (its listing API is used whatever the
   * gateway's host), with the sync token's credentials or the managed identity it names.
   */
  public static ParentEndpoint fromConnectionString(String raw) {
    ConnectionString cs = ConnectionString.parse(raw);
    URI uri = URI.create(cs.parentEndpointProtocol() + "://" + cs.parentGatewayEndpoint());
    if (cs.managedIdentityClientId().isPresent()) {
      return new ParentEndpoint(uri, Optional.empty(), Transport.direct(), List.of(),
          Optional.of(EntraIdentity.managedIdentity(cs.managedIdentityClientId().get())), true);
    }
    return new ParentEndpoint(uri, Optional.of(new ParentCredentials(cs.syncTokenName(), cs.syncTokenPassword())),
        Transport.direct(), List.of(), Optional.empty(), true);
  }

  private static URI stripPath(URI uri) {
    try {
      return new URI(uri.getScheme(), uri.getRawUserInfo(), uri.getHost(), uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new InvalidConnectionStringException("parent URL is not a URL: " + e.getReason());
    }
  }

  private static String redact(URI uri) {
    return uri.getRawUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo(), "<redacted>");
  }

  @Override
  public String toString() {
    return "ParentEndpoint[" + baseUrl + (fallbackUrls.isEmpty() ? "" : ", then " + fallbackUrls) + ", credentials="
        + credentials.map(c -> c.username() + ":<redacted>").or(() -> entra.map(EntraIdentity::toString)).orElse("anonymous")
        + (acr ? ", acr" : "") + "]";
  }
}
