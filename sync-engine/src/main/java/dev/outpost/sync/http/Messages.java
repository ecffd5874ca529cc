package dev.outpost.sync.http;

/** Text for one-line messages (exception details, status output). */
public final class Messages {
  private Messages() {}

  /** {@code text} with every run of whitespace (newlines too) made one space, cut to {@code maxChars} plus "…". */
  public static String oneLine(String text, int maxChars) {
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= maxChars ? line : line.substring(0, maxChars) + "…";
  }
}
