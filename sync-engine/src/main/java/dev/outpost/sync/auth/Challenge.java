package dev.outpost.sync.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235 section 2.1): a scheme and either
 * auth-params or a token68. Parameter names are case-insensitive, so they are kept lower-cased;
 * values are kept exactly as sent (quoted-strings unescaped).
 */
public record Challenge(String scheme, Map<String, String> params, Optional<String> token68) {

  public Challenge {
    params = Map.copyOf(params);
  }

  /** True when the scheme is {@code name}, ignoring case as RFC 7235 requires. */
  public boolean isScheme(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /** The value of the auth-param {@code name} (case-insensitive). */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }
}
