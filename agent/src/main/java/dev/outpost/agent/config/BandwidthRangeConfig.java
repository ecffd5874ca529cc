package dev.outpost.agent.config;

import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One entry of {@code sync.bandwidthProfile}: from {@code from} (inclusive) to {@code to}
 * (exclusive), times of day in UTC as {@code HH:MM} (a range may cross midnight), the link may
 * carry {@code limit}: a bandwidth as for {@code sync.maxBandwidth}, or {@code unlimited}. Kept as
 * text here and checked by {@link #toRange}, which knows the entry's key for its errors.
 */
public record BandwidthRangeConfig(String from, String to, String limit) {
  static final String UNLIMITED = "unlimited";
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** The range, or a {@link ConfigValueException} naming {@code key} (the entry) and the field at fault. */
  BandwidthProfile.Range toRange(String key) {
    LocalTime start = time(key + ".from", from);
    LocalTime end = time(key + ".to", to);
    Optional<Bandwidth> rate = limit(key + ".limit", limit);
    try {
      return new BandwidthProfile.Range(start, end, rate);
    } catch (IllegalArgumentException e) {
      throw new ConfigValueException(key, e.getMessage());
    }
  }

  private static LocalTime time(String key, String text) {
    if (text == null) {
      throw new ConfigValueException(key, "required: a time of day in UTC such as 22:00");
    }
    try {
      return LocalTime.parse(text.strip(), HH_MM);
    } catch (DateTimeParseException e) {
      throw new ConfigValueException(key, "'" + text + "' is not a time of day in UTC such as 22:00 (HH:MM, 00:00 to 23:59)");
    }
  }

  private static Optional<Bandwidth> limit(String key, String text) {
    if (text == null) {
      throw new ConfigValueException(key, "required: a bandwidth such as 2Mbit or 2.5MB, or " + UNLIMITED);
    }
    if (text.strip().equalsIgnoreCase(UNLIMITED)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Bandwidth.parse(text));
    } catch (IllegalArgumentException e) {
      throw new ConfigValueException(key, e.getMessage() + ", or " + UNLIMITED);
    }
  }
}
