package dev.outpost.agent.config;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code serve:} the read-only registry endpoint for on-site clients. It serves HTTPS when
 * {@code tls} is set; plain HTTP only when {@code httpEnabled: true} says so (ACR's value name), so a
 * forgotten certificate never silently becomes an unencrypted endpoint.
 */
public record ServeConfig(ListenAddress listen, Duration tokenTtl, String service, TlsConfig tls, Boolean httpEnabled) {
  public ServeConfig {
    listen = listen == null ? ListenAddress.parse("127.0.0.1:8080") : listen;
    httpEnabled = Boolean.TRUE.equals(httpEnabled); // a Boolean only so that leaving it out means false
    tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new ConfigValueException("serve.tokenTtl", "must be a positive duration such as PT5M");
    }
  }

  public static ServeConfig defaults() {
    return new ServeConfig(null, null, null, null, false);
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
}
