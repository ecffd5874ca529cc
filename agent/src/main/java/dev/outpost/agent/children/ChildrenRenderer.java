package dev.outpost.agent.children;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Prints {@code outpost status --children}: one line per child, with how long ago it last reported. */
public final class ChildrenRenderer {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String ROW = "%-20s %-16s %-22s %-10s %-22s %7s %7s %12s  %s%n";

  private ChildrenRenderer() {}

  public static void printTable(List<ChildReport> reports, Instant now, PrintWriter out) {
    if (reports.isEmpty()) {
      out.println("No child Outpost has reported to this one (children report when sync.reportAs is set).");
      return;
    }
    out.printf(ROW, "CHILD", "TOKEN", "LAST REPORT", "AGE", "LAST SUCCESS", "SYNCED", "FAILED", "BYTES", "SERVED BY");
    for (ChildReport r : reports) {
      out.printf(ROW, r.name(), r.token(), time(r.receivedAt()), age(r.receivedAt(), now), time(r.lastSuccess()),
          r.repositoriesSynced(), r.repositoriesFailed(), r.bytes(), r.endpoint() == null ? "-" : r.endpoint());
    }
  }

  private static String time(Instant at) {
    return at == null ? "never" : TIME.format(at);
  }

  /** {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}: enough to see which child has gone quiet. */
  static String age(Instant at, Instant now) {
    if (at == null) {
      return "-";
    }
    long seconds = Math.max(0, Duration.between(at, now).toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 7200) {
      return seconds / 60 + "m";
    }
    return seconds < 172800 ? seconds / 3600 + "h" : seconds / 86400 + "d";
  }
}
