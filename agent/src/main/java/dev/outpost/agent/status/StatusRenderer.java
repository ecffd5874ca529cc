package dev.outpost.agent.status;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Prints the status report as an aligned table for people. */
public final class StatusRenderer {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private StatusRenderer() {}

  public static void printTable(StatusReport report, PrintWriter out) {
    printDisk(report.disk(), out);
    printSync(report.sync(), out);
    if (report.parent() != null) {
      out.println("Last pass served by: " + report.parent());
    }
    if (report.selection() != null) {
      out.println("Selection incomplete: " + report.selection());
    }
    printRepositories(report, out);
    if (report.store() != null) {
      printStore(report.store(), out);
    }
    if (report.imports() != null) {
      printImports(report.imports(), out);
    }
  }

  private static void printRepositories(StatusReport report, PrintWriter out) {
    if (report.repositories().isEmpty()) {
      out.println("No repositories yet: nothing has been synced or imported into this store.");
      return;
    }
    String format = "%-40s %-11s %-20s %5s %10s  %s%n";
    out.printf(format, "REPOSITORY", "STATE", "LAST SUCCESS", "TAGS", "SIZE", "LAST ERROR");
    for (RepoStatus r : report.repositories()) {
      out.printf(format, r.repository(), r.state(), time(r.lastSuccess()), r.tags(), size(r.bytes()), note(r));
    }
  }

  /** The window, when it opens, the cap, and the last pass: one line. */
  private static void printSync(SyncSummary sync, PrintWriter out) {
    if (sync == null) {
      return;
    }
    String window = sync.windowOpen() ? "open" : "closed, next opening "
        + (sync.nextWindowOpening() == null ? "never (the schedule does not fire again)" : time(sync.nextWindowOpening()));
    String cap = sync.bandwidthLimitBytesPerSecond() == null ? "uncapped"
        : "capped at " + size(sync.bandwidthLimitBytesPerSecond()) + "/s";
    String pass = sync.lastPassSeconds() == null ? "" : "; last pass took " + Math.round(sync.lastPassSeconds()) + "s";
    if (sync.passBytesTotal() > sync.passBytesDone()) {
      pass += "; this pass " + size(sync.passBytesDone()) + " of " + size(sync.passBytesTotal()) + ", ETA "
          + (sync.passEtaSeconds() == null ? "unknown" : sync.passEtaSeconds() + "s");
    }
    out.println("Sync window: " + window + "; " + cap + pass + (sync.parentReachable() ? "" : "; parent unreachable"));
  }

  /** The last error, or for an interrupted pass what happened and what it left, or where an import came from. */
  private static String note(RepoStatus r) {
    if (r.lastImport() != null) {
      return importNote(r.lastImport());
    }
    RepoProgress p = r.progress();
    if (p != null && p.bytesTotal() >= 0) {
      return size(p.bytesDone()) + " of " + size(p.bytesTotal()) + " at " + size(Math.round(p.bytesPerSecond()))
          + "/s, ETA " + (p.etaSeconds() == null ? "unknown" : p.etaSeconds() + "s");
    }
    String note = r.state().equals("interrupted")
        ? "its pass ended midway (process killed, crashed or rebooted); the next pass resumes"
        : r.lastError() == null ? "-" : r.lastError();
    return r.partialBytes() > 0 ? note + "; " + size(r.partialBytes()) + " of partial downloads kept" : note;
  }

  /** {@code from bundle ID part 2/3; waiting for other parts: 1.0, 2.0}, then the failure if any. */
  private static String importNote(RepoImport i) {
    String note = "from bundle " + i.bundleId() + " " + i.partsText();
    if (!i.waiting().isEmpty()) {
      note += "; waiting for other parts: " + String.join(", ", i.waiting());
    }
    return i.failure() == null ? note : note + "; " + i.failure();
  }

  /** The watch folder: whether it is polled, what came from it, and its last error. */
  private static void printImports(ImportsStatus imports, PrintWriter out) {
    out.println();
    String state = switch (imports.state()) {
      case "watching" -> "watching";
      case "folder missing" -> "FOLDER MISSING (not mounted?), polling";
      default -> "not watched now ('outpost run' is not running)";
    };
    out.println("IMPORTS from " + imports.watchFolder() + ": " + state + " every " + seconds(imports.pollInterval())
        + ", last poll " + time(imports.lastPoll()));
    out.println("PARTS IMPORTED " + imports.partsImported()
        + (imports.partsWaiting() > 0 ? " (" + imports.partsWaiting() + " with tags waiting for other parts)" : ""));
    if (imports.lastImport() != null) {
      out.println("LAST IMPORT " + imports.lastImport());
    }
    if (imports.lastError() != null) {
      out.println("LAST ERROR " + time(imports.lastErrorAt()) + " " + imports.lastError());
    }
  }

  private static String seconds(java.time.Duration interval) {
    return interval == null ? "-" : interval.toSeconds() + "s";
  }

  /** The store's size against its quota, then what the quota evicted recently and why. */
  private static void printStore(StoreUsage usage, PrintWriter out) {
    out.println();
    out.println("STORE " + size(usage.sizeBytes()) + (usage.maxSizeBytes() == null ? " (no store.maxSize)"
        : " of " + size(usage.maxSizeBytes()) + " (store.maxSize)"));
    for (EvictedImage e : usage.evicted()) {
      out.println("EVICTED " + time(e.at()) + " " + e.repository() + ":" + String.join(",", e.tags()) + " "
          + size(e.bytes()) + ": " + e.reason());
    }
  }

  /** One line on the disk; a full disk says why and that syncing resumes by itself. */
  private static void printDisk(DiskStatus disk, PrintWriter out) {
    if (disk == null) {
      return;
    }
    String line = "Disk: " + size(disk.freeBytes()) + " free of " + size(disk.totalBytes()) + " (store.reserve "
        + size(disk.reserveBytes()) + ")";
    if (disk.full()) {
      line += "; FULL, syncing paused until space returns: " + disk.reason();
    }
    out.println(line);
  }

  private static String time(Instant instant) {
    return instant == null ? "never" : TIME.format(instant);
  }

  /** Human sizes in binary units, as the rest of the output uses. */
  public static String size(long bytes) {
    if (bytes < 0) {
      return "-";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
