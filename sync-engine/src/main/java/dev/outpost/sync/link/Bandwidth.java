package dev.outpost.sync.link;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate of the link, parsed once from configuration text. Bits and bytes are both accepted, since
 * links are sold in bits and disks measured in bytes: {@code 20Mbit}, {@code 512kbit}, {@code 1Gbit}
 * (decimal, 1 Mbit = 1,000,000 bits; {@code Mbps} likewise), {@code 2.5MB}, {@code 800KB} (decimal bytes), {@code 4MiB}
 * (binary bytes). A bare number is bytes per second. Case of the unit does not matter except that
 * {@code b}/{@code bit} alone means bits and {@code B} bytes.
 */
public record Bandwidth(long bytesPerSecond) {
  private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)(?:/s)?");
  private static final Map<String, Long> BYTES = Map.of(
      "", 1L, "b", 1L, "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
      "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30);
  private static final Map<String, Long> BITS = Map.of(
      "bit", 1L, "kbit", 1_000L, "mbit", 1_000_000L, "gbit", 1_000_000_000L);

  public Bandwidth {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("a bandwidth must be positive");
    }
  }

  public static Bandwidth parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw invalid(text);
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    // "Mbps" is how links are sold: bits per second.
    String unit = m.group(2).endsWith("bps") ? m.group(2).replaceAll("bps$", "bit") : m.group(2);
    String lower = unit.toLowerCase(Locale.ROOT);
    BigDecimal bytes;
    if (BITS.containsKey(lower)) {
      bytes = amount.multiply(BigDecimal.valueOf(BITS.get(lower))).divide(BigDecimal.valueOf(8));
    } else if (unit.equals("b")) {
      throw new IllegalArgumentException("'" + text + "' is ambiguous: write 'bit' for bits or 'B' for bytes");
    } else if (BYTES.containsKey(lower)) {
      bytes = amount.multiply(BigDecimal.valueOf(BYTES.get(lower)));
    } else {
      throw invalid(text);
    }
    long perSecond = bytes.longValue();
    if (perSecond <= 0) {
      throw new IllegalArgumentException("'" + text + "' is less than one byte per second");
    }
    return new Bandwidth(perSecond);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not a bandwidth such as 20Mbit or 2.5MB (bits or bytes per second)");
  }

  @Override
  public String toString() {
    return bytesPerSecond + " B/s";
  }
}
