package dev.outpost.serve.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The credentials an {@code Authorization} header carries. Parsing never throws: anything we do
 * not understand is {@link None}, which leads to a challenge. {@code toString} never shows secrets.
 */
public sealed interface Credentials {

  static Credentials parse(String header) {
    if (header == null) {
      return new None();
    }
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    if (space <= 0) {
      return new None();
    }
    String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
    String value = trimmed.substring(space + 1).trim();
    return switch (scheme) {
      case "basic" -> parseBasic(value);
      case "bearer" -> value.isEmpty() ? new None() : new Bearer(value);
      default -> new None();
    };
  }

  private static Credentials parseBasic(String value) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new None();
    }
    int colon = decoded.indexOf(':');
    return colon <= 0 ? new None() : new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** No (usable) credentials. */
  record None() implements Credentials {}

  /** A client token name and password. */
  record Basic(String username, String password) implements Credentials {
    @Override
    public String toString() {
      return "Basic[username=" + username + "]";
    }
  }

  /** An access token from our token endpoint. */
  record Bearer(String token) implements Credentials {
    @Override
    public String toString() {
      return "Bearer[…]";
    }
  }
}
