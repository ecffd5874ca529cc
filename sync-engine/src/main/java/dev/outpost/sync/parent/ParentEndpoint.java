package dev.outpost.sync.parent;

import dev.outpost.sync.auth.ParentCredentials;
import dev.outpost.sync.http.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the parent registry is and how to authenticate to it. {@code baseUrl} is the registry root
 * ({@code https://host[:port]}, without {@code /v2/}). Credentials are sent only to this host
 * (and to the token realm it names), never to a redirect target. {@link #toString()} redacts.
 */
public record ParentEndpoint(URI baseUrl, Optional<ParentCredentials> credentials, Transport transport) {

  /** A parent reached directly, trusting the system's CAs. */
  public ParentEndpoint(URI baseUrl, Optional<ParentCredentials> credentials) {
    this(baseUrl, credentials, Transport.direct());
  }

  /** The same parent reached through {@code transport} (a site CA, a proxy). */
  public ParentEndpoint withTransport(Transport transport) {
    return new ParentEndpoint(baseUrl, credentials, transport);
  }

  public ParentEndpoint {
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
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw new InvalidConnectionStringException("parent URL is not a URL: " + e.getReason());
    }
    Optional<ParentCredentials> credentials = username == null || username.isEmpty()
        ? Optional.empty() : Optional.of(new ParentCredentials(username, password == null ? "" : password));
    return new ParentEndpoint(stripPath(uri), credentials);
  }

  /** The parent named by an ACR connection string. */
  public static ParentEndpoint fromConnectionString(String raw) {
    ConnectionString cs = ConnectionString.parse(raw);
    URI uri = URI.create(cs.parentEndpointProtocol() + "://" + cs.parentGatewayEndpoint());
    return new ParentEndpoint(uri, Optional.of(new ParentCredentials(cs.syncTokenName(), cs.syncTokenPassword())));
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
    return "ParentEndpoint[" + baseUrl + ", credentials="
        + credentials.map(c -> c.username() + ":<redacted>").orElse("anonymous") + "]";
  }
}
