package dev.outpost.agent.imports;

import dev.outpost.agent.status.ImportsStatus;
import dev.outpost.sync.bundle.BundleManifest;
import dev.outpost.sync.bundle.ImportReport;
import dev.outpost.sync.bundle.InvalidBundleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the watch folder ({@code import.watch}) and imports the bundle parts that appear in it.
 *
 * <p>A part is imported when it is complete and no longer being copied: its fingerprint held still
 * across two polls and its {@value BundleManifest#FILE_NAME} (written last) reads. Parts of one
 * bundle found in one poll are imported together; a part whose import left tags waiting for another
 * part is given again with the next new part of its bundle. What was imported is remembered in the
 * {@link WatchLedger}; a part that failed is tried again when it changes on disk, or after a backoff
 * (a full disk frees up; a bad part stays bad until it is replaced). Nothing in the folder is ever
 * written, moved or deleted: it may be read-only media.
 */
public final class ImportWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ImportWatcher.class);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final Path folder;
  private final Duration interval;
  private final WatchLedger ledger;
  private final BundleImporter importer;
  private final Clock clock;
  private final BooleanSupplier stopping;
  /** The fingerprint of each unimported part at the previous poll. */
  private final Map<Path, Fingerprint> previous = new HashMap<>();
  private final Map<Path, Failure> failures = new HashMap<>();
  // Written by the poll, read by status() without the poll's lock: an import may take long.
  private volatile Instant lastPoll;
  private volatile boolean folderPresent = true;
  private volatile String lastImport;
  private volatile String lastError;
  private volatile Instant lastErrorAt;

  /** {@code stopping}: the daemon is closing, so an import that returns now may have stopped midway. */
  public ImportWatcher(Path folder, Duration interval, Path storage, BundleImporter importer, Clock clock,
      BooleanSupplier stopping) {
    this.folder = folder;
    this.interval = interval;
    this.ledger = WatchLedger.open(storage);
    this.importer = importer;
    this.clock = clock;
    this.stopping = stopping;
  }

  /** One look at the folder; never throws (a scheduled task that throws would only be logged). */
  public synchronized void pollOnce() {
    lastPoll = clock.instant();
    try {
      folderPresent = Files.isDirectory(folder);
      List<Path> found = WatchFolder.parts(folder);
      previous.keySet().retainAll(found);
      failures.keySet().retainAll(found);
      Map<String, List<Ready>> byBundle = new LinkedHashMap<>();
      for (Path part : found) {
        ready(part).ifPresent(r -> byBundle.computeIfAbsent(r.manifest().id(), id -> new ArrayList<>()).add(r));
      }
      byBundle.forEach(this::importBundle);
    } catch (IOException | RuntimeException e) {
      failed("reading the watch folder " + folder + " failed: " + e.getMessage());
    }
  }

  /** The part if it is new, complete and still since the last poll; empty otherwise. */
  private Optional<Ready> ready(Path part) throws IOException {
    Fingerprint now = Fingerprint.of(part);
    Fingerprint before = previous.put(part, now);
    if (ledger.knows(part, now) || !now.equals(before) || waitingOut(part, now)) {
      return Optional.empty();
    }
    Optional<BundleManifest> manifest;
    try {
      manifest = PartProbe.manifest(part);
    } catch (InvalidBundleException e) {
      failures.put(part, new Failure(now, 1, Instant.MAX)); // a bad manifest stays bad until the part is replaced
      failed(part + " is not a bundle part: " + e.getMessage());
      return Optional.empty();
    }
    if (manifest.isPresent() && ledger.completed(manifest.get().id(), manifest.get().part())) {
      // The same part found at another path (a disk mounted elsewhere): known, nothing to import.
      ledger.record(List.of(imported(part, now, manifest.get(), false, false)));
      return Optional.empty();
    }
    return manifest.map(m -> new Ready(part, now, m));
  }

  /** A part that failed is tried again when it changed on disk or its backoff is over. */
  private boolean waitingOut(Path part, Fingerprint now) {
    Failure failure = failures.get(part);
    if (failure == null) {
      return false;
    }
    if (!failure.fingerprint().equals(now)) {
      failures.remove(part);
      return false;
    }
    return clock.instant().isBefore(failure.retryAt());
  }

  private void importBundle(String bundleId, List<Ready> parts) {
    Set<Path> paths = new LinkedHashSet<>();
    parts.forEach(r -> paths.add(r.path()));
    List<ImportedPart> again = ledger.waiting(bundleId).stream()
        .filter(p -> Files.exists(Path.of(p.path())) && !paths.contains(Path.of(p.path()))).toList();
    again.forEach(p -> paths.add(Path.of(p.path())));
    LOG.info("importing {} from the watch folder", paths);
    ImportReport report;
    try {
      report = importer.importParts(List.copyOf(paths));
    } catch (IOException | RuntimeException e) {
      Instant now = clock.instant();
      parts.forEach(r -> failures.merge(r.path(), Failure.after(null, r.fingerprint(), now, interval),
          (old, fresh) -> Failure.after(old, r.fingerprint(), now, interval)));
      failed("importing " + paths + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      return;
    }
    if (stopping.getAsBoolean()) {
      // Stopped at its next read: not remembered, so the next start imports these parts again (nothing twice).
      return;
    }
    boolean waiting = report.repositories().stream().anyMatch(r -> !r.waiting().isEmpty());
    boolean refused = !report.rejected().isEmpty();
    List<ImportedPart> done = new ArrayList<>();
    parts.forEach(r -> {
      failures.remove(r.path());
      previous.remove(r.path());
      done.add(imported(r.path(), r.fingerprint(), r.manifest(), waiting, refused));
    });
    again.forEach(p -> done.add(new ImportedPart(p.path(), p.fingerprint(), p.bundleId(), p.part(), p.parts(),
        clock.instant(), waiting, refused)));
    try {
      ledger.record(done);
    } catch (IOException e) {
      failed("imported " + paths + " but could not remember it in " + WatchLedger.FILE_NAME + ": " + e.getMessage());
    }
    lastImport = summary(report, waiting);
    if (refused) {
      failed("bundle " + bundleId + ": refused " + String.join("; ", report.rejected()));
    }
  }

  private ImportedPart imported(Path part, Fingerprint fingerprint, BundleManifest manifest, boolean waiting,
      boolean refused) {
    return new ImportedPart(part.toString(), fingerprint, manifest.id(), manifest.part(), manifest.parts(),
        clock.instant(), waiting, refused);
  }

  private static String summary(ImportReport report, boolean waiting) {
    String parts = String.join(",", report.partsRead().stream().map(String::valueOf).toList());
    return "bundle " + report.bundleId() + " part" + (report.partsRead().size() == 1 ? " " : "s ") + parts + "/"
        + report.parts() + (waiting ? ", tags waiting for other parts" : ", complete");
  }

  private void failed(String message) {
    LOG.warn("import.watch: {}", message);
    lastErrorAt = clock.instant();
    lastError = message;
  }

  /** What {@code outpost status} shows of the folder; answers while an import runs. */
  public ImportsStatus status() {
    return new ImportsStatus(folder.toString(), folderPresent ? "watching" : "folder missing", interval, lastPoll,
        ledger.imported(), ledger.waitingCount(), lastImport, lastError, lastErrorAt);
  }

  /** What status shows when no running Outpost polls the folder: what was imported from it so far. */
  public static ImportsStatus notRunning(Path folder, Duration interval, Path storage) {
    WatchLedger ledger = WatchLedger.open(storage);
    return new ImportsStatus(folder.toString(), "not running", interval, null, ledger.imported(),
        ledger.waitingCount(), null, null, null);
  }

  private record Ready(Path path, Fingerprint fingerprint, BundleManifest manifest) {}

  /** A failed part: as it was when it failed, and when to try it again if it does not change. */
  private record Failure(Fingerprint fingerprint, int attempts, Instant retryAt) {
    static Failure after(Failure previous, Fingerprint fingerprint, Instant now, Duration interval) {
      int attempts = previous == null ? 1 : previous.attempts() + 1;
      Duration backoff = interval.multipliedBy(1L << Math.min(attempts, 20));
      return new Failure(fingerprint, attempts, now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff));
    }
  }
}
