package dev.outpost.agent.config;

import java.net.URI;
import java.net.URISyntaxException;
import dev.outpost.store.auth.RepositoryPattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code serve:} the read-only registry endpoint for on-site clients. It serves HTTPS when
 * {@code tls} is set; plain HTTP only when {@code httpEnabled: true} says so (ACR's value name), so a
 * forgotten certificate never silently becomes an unencrypted endpoint. {@code publicUrl} is the
 * {@code scheme://host[:port]} clients reach it by (a Service or an ingress in front of the pod); the
 * token realm of every {@code WWW-Authenticate} challenge is built from it. Without it the realm is
 * taken from each request's scheme and {@code Host}. {@code anonymous} lists repository patterns
 * ({@code public/*}, {@code library/hello}) anyone may pull without credentials: manifests and blobs
 * only, never tag lists or the catalog; empty (the default) means every request needs a client token.
 * {@code limits} bounds what one client may cost ({@link ServeLimitsConfig}); {@code accessLog}, when
 * present, writes one line per request ({@link AccessLogConfig}).
 */
public record ServeConfig(ListenAddress listen, Duration tokenTtl, String service, TlsConfig tls, Boolean httpEnabled,
    String publicUrl, List<RepositoryPattern> anonymous,
    ServeLimitsConfig limits, AccessLogConfig accessLog) {
  public ServeConfig {
    limits = limits == null ? ServeLimitsConfig.defaults() : limits;
    if (anonymous != null && anonymous.contains(null)) {
      throw new ConfigValueException("serve.anonymous", "an entry is empty; list repository patterns such as public/*");
    }
    anonymous = anonymous == null ? List.of() : List.copyOf(anonymous);
    listen = listen == null ? ListenAddress.parse("127.0.0.1:8080") : listen;
    httpEnabled = Boolean.TRUE.equals(httpEnabled); // a Boolean only so that leaving it out means false
    tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new ConfigValueException("serve.tokenTtl", "must be a positive duration such as PT5M");
    }
    if (publicUrl != null) {
      publicUrlOf(publicUrl);
    }
  }

  public static ServeConfig defaults() {
    return new ServeConfig(null, null, null, null, false, null, null, null, null);
  }

  /**
   * The TLS files to serve with, or empty for plain HTTP. Checked when the endpoint starts, not when
   * the file is read: commands that do not serve ({@code sync --once}, {@code token}) need neither.
   *
   * @throws ConfigException when neither {@code serve.tls} nor {@code serve.httpEnabled: true} is set
   */
  public Optional<TlsConfig> tlsOrPlainHttp() {
    if (tls != null) {
      return Optional.of(tls);
    }
    if (Boolean.TRUE.equals(httpEnabled)) {
      return Optional.empty();
    }
    throw new ConfigException("serve: set serve.tls.certFile and serve.tls.keyFile to serve HTTPS "
        + "(`outpost tls init` makes a site CA and certificate), or serve.httpEnabled: true to serve plain HTTP");
  }

  /** {@code serve.accessLog}, or empty when no access log is written. */
  public Optional<AccessLogConfig> accessLogValue() {
    return Optional.ofNullable(accessLog);
  }

  /** {@code serve.publicUrl}, parsed; empty when the realm follows each request's {@code Host}. */
  public Optional<URI> publicUrlValue() {
    return Optional.ofNullable(publicUrl).map(ServeConfig::publicUrlOf);
  }

  private static URI publicUrlOf(String text) {
    String expected = "must be http(s)://host[:port] with no path, query or credentials (got '" + text + "')";
    try {
      URI uri = new URI(text.trim());
      boolean schemeOk = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      boolean pathOk = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
      if (!schemeOk || uri.getHost() == null || !pathOk || uri.getRawQuery() != null || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new ConfigValueException("serve.publicUrl", expected);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigValueException("serve.publicUrl", expected);
    }
  }
}
