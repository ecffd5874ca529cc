package dev.outpost.sync.engine;

import dev.outpost.sync.http.Messages;

/** One-line failure reasons for status output: messages flattened and capped. */
final class Reasons {
  private static final int MAX = 500;

  private Reasons() {}

  static String oneLine(Throwable t) {
    String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    return Messages.oneLine(message, MAX);
  }
}
