package dev.outpost.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a password given with {@code --password-stdin}: at most 4 KiB, stripped of surrounding
 * whitespace (so {@code echo} and files ending in a newline work). Empty input is an error rather
 * than an empty password, which would only fail later and less clearly.
 */
final class PasswordStdin {
  private static final int MAX_BYTES = 4096;

  private PasswordStdin() {
  }

  static String read(InputStream in) throws IOException {
    String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("--password-stdin: nothing on standard input");
    }
    return text;
  }
}
