package dev.outpost.serve;

import dev.outpost.serve.audit.AccessLogFormat;
import dev.outpost.serve.auth.AnonymousPull;
import dev.outpost.serve.auth.SigningKey;
import dev.outpost.serve.limits.ServeLimits;
import dev.outpost.serve.tls.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the registry endpoint.
 *
 * @param host interface to bind (for example {@code 127.0.0.1} or {@code 0.0.0.0})
 * @param port TCP port; 0 picks a free one ({@link RegistryServer#port()} tells which)
 * @param service the token {@code service} / audience; default {@code host:port} of the bound socket
 * @param tokenTtl lifetime of issued access tokens
 * @param publicUrl the {@code scheme://host[:port]} clients use, for the challenge realm; default:
 *     taken from each request's scheme and {@code Host} header
 * @param signingKey signs the access tokens; one kept in the store lets tokens outlive a restart
 * @param tls the certificate and key files for HTTPS; empty serves plain HTTP (whether that is
 *     allowed is the caller's decision: the agent requires {@code serve.httpEnabled: true} for it)
 * @param anonymous repositories pulled without credentials ({@link AnonymousPull#NONE}: none)
 * @param limits what one client may cost: failed logins, request deadline, connections, header size
 * @param accessLog when present, one line per request in this format to the logger {@link #ACCESS_LOGGER}
 */
public record ServeSettings(String host, int port, Optional<String> service, Duration tokenTtl, Optional<URI> publicUrl,
    SigningKey signingKey, Optional<TlsSettings> tls, AnonymousPull anonymous,
    ServeLimits limits, Optional<AccessLogFormat> accessLog) {
  /** The SLF4J logger that receives access-log lines, message only; the agent routes it to its own appender. */
  public static final String ACCESS_LOGGER = "outpost.access";

  public ServeSettings {
    Objects.requireNonNull(anonymous, "anonymous");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(accessLog, "accessLog");
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("tokenTtl must be positive, was " + tokenTtl);
    }
    service.ifPresent(s -> {
      if (s.isBlank() || s.contains("\"")) {
        throw new IllegalArgumentException("service must be non-blank and free of quotes");
      }
    });
  }

  /** Without anonymous pull, with the default client limits. */
  public ServeSettings(String host, int port, Optional<String> service, Duration tokenTtl, Optional<URI> publicUrl,
      SigningKey signingKey, Optional<TlsSettings> tls) {
    this(host, port, service, tokenTtl, publicUrl, signingKey, tls, AnonymousPull.NONE, ServeLimits.DEFAULTS,
        Optional.empty());
  }

  /** Plain HTTP with a signing key that may outlive the process. */
  public ServeSettings(String host, int port, Optional<String> service, Duration tokenTtl, Optional<URI> publicUrl,
      SigningKey signingKey) {
    this(host, port, service, tokenTtl, publicUrl, signingKey, Optional.empty());
  }

  /** Settings whose access tokens die with the process (a random signing key), for tests and tools. */
  public ServeSettings(String host, int port, Optional<String> service, Duration tokenTtl) {
    this(host, port, service, tokenTtl, Optional.empty(), SigningKey.random());
  }

  /** The same settings, serving HTTPS from {@code files}. */
  public ServeSettings withTls(TlsSettings files) {
    return new ServeSettings(host, port, service, tokenTtl, publicUrl, signingKey, Optional.of(files), anonymous,
        limits, accessLog);
  }

  /** The same settings, letting anyone pull {@code pull}'s repositories without credentials. */
  public ServeSettings withAnonymous(AnonymousPull pull) {
    return new ServeSettings(host, port, service, tokenTtl, publicUrl, signingKey, tls, pull, limits, accessLog);
  }

  /** The same settings with other client limits. */
  public ServeSettings withLimits(ServeLimits other) {
    return new ServeSettings(host, port, service, tokenTtl, publicUrl, signingKey, tls, anonymous, other, accessLog);
  }

  /** The same settings, writing an access log in {@code format}. */
  public ServeSettings withAccessLog(AccessLogFormat format) {
    return new ServeSettings(host, port, service, tokenTtl, publicUrl, signingKey, tls, anonymous, limits,
        Optional.of(format));
  }
}
