package dev.outpost.sync.link;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The cap of the link by time of day (UTC): ranges {@code from}–{@code to} (from inclusive, to
 * exclusive; a range may cross midnight, {@code 22:00}–{@code 06:00}), each with its own limit or
 * none (unlimited). Outside every range the {@code otherwise} limit applies ({@code sync.maxBandwidth}).
 * Ranges may not overlap and may not be empty ({@code from} = {@code to}), since which one applied
 * would then depend on the order of the file.
 */
public record BandwidthProfile(List<Range> ranges, Optional<Bandwidth> otherwise) {

  /** One time-of-day range and its limit (empty: unlimited). */
  public record Range(LocalTime from, LocalTime to, Optional<Bandwidth> limit) {
    public Range {
      if (from.equals(to)) {
        throw new IllegalArgumentException("from and to are both " + from + ": the range is empty");
      }
    }

    boolean contains(LocalTime time) {
      return from.isBefore(to)
          ? !time.isBefore(from) && time.isBefore(to)
          : !time.isBefore(from) || time.isBefore(to);
    }
  }

  /** Refused profile, naming the range (its index in the list) at fault. */
  public static final class InvalidRangeException extends IllegalArgumentException {
    private final int index;

    InvalidRangeException(int index, String reason) {
      super(reason);
      this.index = index;
    }

    public int index() {
      return index;
    }
  }

  public BandwidthProfile {
    ranges = List.copyOf(ranges);
    otherwise = otherwise == null ? Optional.empty() : otherwise;
    for (int i = 0; i < ranges.size(); i++) {
      for (int j = 0; j < i; j++) {
        // Two ranges on the circle of a day overlap exactly when one starts inside the other.
        if (ranges.get(i).contains(ranges.get(j).from()) || ranges.get(j).contains(ranges.get(i).from())) {
          throw new InvalidRangeException(i, describe(ranges.get(i)) + " overlaps " + describe(ranges.get(j))
              + " (entry " + j + "); each time of day may have one limit");
        }
      }
    }
  }

  /** A profile with no ranges: {@code limit} at every hour. */
  public static BandwidthProfile constant(Optional<Bandwidth> limit) {
    return new BandwidthProfile(List.of(), limit);
  }

  /** The limit at {@code now}; empty means unlimited. */
  public Optional<Bandwidth> limitAt(Instant now) {
    LocalTime time = LocalTime.ofInstant(now, ZoneOffset.UTC);
    return ranges.stream().filter(r -> r.contains(time)).findFirst().map(Range::limit).orElse(otherwise);
  }

  /** The highest limit the profile sets at any hour; empty when some hour is unlimited. */
  public Optional<Bandwidth> highest() {
    if (otherwise.isEmpty() || ranges.stream().anyMatch(r -> r.limit().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(ranges.stream().map(r -> r.limit().orElseThrow())
        .reduce(otherwise.get(), (a, b) -> a.bytesPerSecond() >= b.bytesPerSecond() ? a : b));
  }

  private static String describe(Range range) {
    return range.from() + "-" + range.to();
  }
}
