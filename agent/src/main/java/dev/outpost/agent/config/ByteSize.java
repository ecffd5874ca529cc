package dev.outpost.agent.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes as the configuration writes it: a whole number, optionally with a binary suffix
 * ({@code Ki}, {@code Mi}, {@code Gi}, {@code Ti}: powers of 1024, as Kubernetes quantities) or a
 * decimal one ({@code K}, {@code M}, {@code G}, {@code T}: powers of 1000). {@code 200Gi} is
 * 214,748,364,800 bytes. The one parser of sizes in the configuration.
 */
public record ByteSize(long bytes) {
  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?)?", Pattern.CASE_INSENSITIVE);

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size cannot be negative: " + bytes);
    }
  }

  public static ByteSize parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size such as 200Gi, 500Mi or 10G");
    }
    BigDecimal number = new BigDecimal(m.group(1));
    BigDecimal bytes = number.multiply(BigDecimal.valueOf(multiplier(m.group(2))));
    try {
      return new ByteSize(bytes.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a size");
    }
  }

  private static long multiplier(String suffix) {
    if (suffix == null) {
      return 1;
    }
    String s = suffix.toUpperCase(Locale.ROOT);
    int power = "KMGT".indexOf(s.charAt(0)) + 1;
    long base = s.endsWith("I") ? 1024 : 1000;
    long result = 1;
    for (int i = 0; i < power; i++) {
      result *= base;
    }
    return result;
  }

  @Override
  public String toString() {
    return bytes + " bytes";
  }
}
