package dev.outpost.sync.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code WWW-Authenticate} header values into {@link Challenge}s with a small tokenizer
 * following RFC 7235: several challenges in one header, auth-params whose values are tokens or
 * quoted-strings (with backslash escapes, commas allowed inside), and token68 credentials.
 *
 * <p>The grammar is ambiguous at a comma ({@code , foo=bar} continues the params of the current
 * challenge, {@code , Basic realm=x} starts a new one); it is resolved by looking past the next
 * token for an {@code =}, as the RFC suggests. Malformed trailing parts are dropped rather than
 * failing the whole header: the caller only needs the challenges it can understand.
 */
public final class WwwAuthenticateParser {
  private final String input;
  private int pos;

  private WwwAuthenticateParser(String input) {
    this.input = input;
  }

  /** All challenges found in {@code headerValue}, in order; empty for null or blank input. */
  public static List<Challenge> parse(String headerValue) {
    return headerValue == null ? List.of() : new WwwAuthenticateParser(headerValue).challenges();
  }

  /** Challenges from several header lines, in order. */
  public static List<Challenge> parseAll(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    headerValues.forEach(v -> all.addAll(parse(v)));
    return List.copyOf(all);
  }

  private List<Challenge> challenges() {
    List<Challenge> result = new ArrayList<>();
    while (true) {
      skipCommasAndSpace();
      String scheme = token();
      if (scheme.isEmpty()) {
        return List.copyOf(result);
      }
      result.add(challengeBody(scheme));
    }
  }

  private Challenge challengeBody(String scheme) {
    skipSpace();
    Optional<String> token68 = token68();
    if (token68.isPresent()) {
      return new Challenge(scheme, Map.of(), token68);
    }
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      int mark = pos;
      String name = token();
      skipSpace();
      if (name.isEmpty() || !consume('=')) {
        pos = mark; // not a param: a new challenge (or the end) starts here
        return new Challenge(scheme, params, Optional.empty());
      }
      skipSpace();
      String value = peek() == '"' ? quotedString() : token();
      params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
      skipSpace();
      if (!consume(',')) {
        skipToNextComma();
      }
      skipCommasAndSpace();
    }
  }

  /**
   * A token68 is followed only by the end or a comma. {@code realm=x} continues after the
   * {@code =}, so it is an auth-param, not a token68.
   */
  private Optional<String> token68() {
    int start = pos;
    while (pos < input.length() && isToken68Char(input.charAt(pos))) {
      pos++;
    }
    while (pos > start && peek() == '=') {
      pos++;
    }
    int end = pos;
    skipSpace();
    if (end > start && (peek() == 0 || peek() == ',')) {
      return Optional.of(input.substring(start, end));
    }
    pos = start;
    return Optional.empty();
  }

  private String quotedString() {
    StringBuilder value = new StringBuilder();
    pos++; // opening quote
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\' && pos < input.length()) {
        c = input.charAt(pos++);
      }
      value.append(c);
    }
    return value.toString(); // unterminated: take what there is
  }

  private String token() {
    int start = pos;
    while (pos < input.length() && isTokenChar(input.charAt(pos))) {
      pos++;
    }
    return input.substring(start, pos);
  }

  private void skipToNextComma() {
    while (pos < input.length() && input.charAt(pos) != ',') {
      if (input.charAt(pos) == '"') {
        quotedString();
      } else {
        pos++;
      }
    }
  }

  private void skipCommasAndSpace() {
    while (pos < input.length() && (input.charAt(pos) == ',' || isSpace(input.charAt(pos)))) {
      pos++;
    }
  }

  private void skipSpace() {
    while (pos < input.length() && isSpace(input.charAt(pos))) {
      pos++;
    }
  }

  private boolean consume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private char peek() {
    return pos < input.length() ? input.charAt(pos) : 0;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** RFC 7230 tchar. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static boolean isToken68Char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "-._~+/".indexOf(c) >= 0;
  }
}
