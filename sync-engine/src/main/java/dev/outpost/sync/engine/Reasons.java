package dev.outpost.sync.engine;

/** One-line failure reasons for status output: messages flattened and capped. */
final class Reasons {
  private static final int MAX = 500;

  private Reasons() {}

  static String oneLine(Throwable t) {
    String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    String line = message.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
  }
}
