package dev.outpost.serve.auth;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * Builds the 401 replies that send a client to the token endpoint:
 * {@code WWW-Authenticate: Bearer realm="<scheme>://<host>/oauth2/token",service="…",scope="…"}.
 * The realm comes from the configured public URL, or else from the scheme and {@code Host} of the
 * request itself (so it works behind any name the site uses). A {@code Host} with characters that
 * do not belong in a host name is not echoed; the configured fallback authority is used instead.
 */
public final class Challenges {
  public static final String TOKEN_PATH = "/oauth2/token";
  static final String NOT_ALLOWED = "not allowed for this token";
  private static final Pattern SAFE_AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,300}");

  private final String service;
  private final Optional<URI> publicUrl;
  private final String fallbackAuthority;

  public Challenges(String service, Optional<URI> publicUrl, String fallbackAuthority) {
    this.service = service;
    this.publicUrl = publicUrl;
    this.fallbackAuthority = fallbackAuthority;
  }

  /** No or invalid credentials. */
  public RegistryError unauthenticated(Request request, Optional<Scope> scope) {
    return challenge(request, scope, false);
  }

  /**
   * Valid credentials without the needed rights. Deliberately the same status and code as
   * {@link #unauthenticated}, differing only in {@code error="insufficient_scope"}, and built
   * from the request alone: the reply is identical whether or not the repository exists.
   */
  public RegistryError insufficientScope(Request request, Scope scope) {
    return challenge(request, Optional.of(scope), true);
  }

  private RegistryError challenge(Request request, Optional<Scope> scope, boolean insufficient) {
    StringBuilder header = new StringBuilder("Bearer realm=\"").append(realm(request.getHttpURI()))
        .append("\",service=\"").append(service).append('"');
    scope.ifPresent(s -> header.append(",scope=\"").append(s).append('"'));
    if (insufficient) {
      header.append(",error=\"insufficient_scope\"");
    }
    // The message tells a person what the challenge tells a client: these credentials were
    // accepted but do not reach this repository. Its text does not depend on whether it exists.
    RegistryError error = insufficient
        ? new RegistryError(ErrorCode.UNAUTHORIZED, NOT_ALLOWED, Optional.empty(), Map.of())
        : RegistryError.of(ErrorCode.UNAUTHORIZED);
    return error.withHeader(HttpHeader.WWW_AUTHENTICATE.asString(), header.toString());
  }

  String realm(HttpURI uri) {
    if (publicUrl.isPresent()) {
      String base = publicUrl.get().toString();
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TOKEN_PATH;
    }
    String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "https" : "http";
    return scheme + "://" + authority(uri) + TOKEN_PATH;
  }

  private String authority(HttpURI uri) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return fallbackAuthority;
    }
    String authority = uri.getPort() > 0 ? host + ":" + uri.getPort() : host;
    return SAFE_AUTHORITY.matcher(authority).matches() ? authority : fallbackAuthority;
  }
}
