package dev.outpost.agent.logging;

import java.util.regex.Pattern;

/**
 * Masks secrets in free text: the values of password-like keys ({@code password=…},
 * {@code "password":"…"}, {@code SyncTokenPassword=…}, {@code access_token}, {@code token}) and
 * the credentials of {@code Authorization: Basic|Bearer …}. Used on every log line as a last line
 * of defence; code still redacts where secrets are produced.
 */
public final class Redactor {
  private static final Pattern SECRET = Pattern.compile(
      "(?i)((?:password|syncTokenPassword|access_token|refresh_token|token|secret)\"?\\s*[=:]\\s*\"?"
          + "|authorization:\\s*(?:basic|bearer)\\s+)[^\\s;&\",']+");

  private Redactor() {}

  public static String redact(String text) {
    return text == null ? null : SECRET.matcher(text).replaceAll("$1***");
  }
}
