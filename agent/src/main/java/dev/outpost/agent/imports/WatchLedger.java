package dev.outpost.agent.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the watcher has imported, kept in {@value #FILE_NAME} under the storage path so that a part
 * is imported once, across restarts too. A part is known by where it lies and its fingerprint; one
 * found elsewhere (a disk mounted at another path, copied again) is known by its bundle id and part
 * number once that part was imported with nothing waiting. Losing the file costs one re-import of
 * what is still in the folder, which changes nothing (imports are idempotent): an unreadable file is
 * logged and started afresh.
 */
final class WatchLedger {
  static final String FILE_NAME = "import-watch.json";
  private static final Logger LOG = LoggerFactory.getLogger(WatchLedger.class);

  private final Path file;
  private final Map<String, ImportedPart> byPath;

  private WatchLedger(Path file, Map<String, ImportedPart> byPath) {
    this.file = file;
    this.byPath = byPath;
  }

  static WatchLedger open(Path storage) {
    Path file = storage.resolve(FILE_NAME);
    Map<String, ImportedPart> byPath = new LinkedHashMap<>();
    try {
      List<ImportedPart> parts = JsonFiles.JSON.readValue(Files.readAllBytes(file), new TypeReference<>() {});
      parts.forEach(p -> byPath.put(p.path(), p));
    } catch (NoSuchFileException e) {
      // nothing imported yet
    } catch (IOException e) {
      LOG.warn("{} cannot be read ({}); parts still in the watch folder will be imported again", file, e.getMessage());
    }
    return new WatchLedger(file, byPath);
  }

  synchronized boolean knows(Path path, Fingerprint fingerprint) {
    ImportedPart part = byPath.get(path.toString());
    return part != null && part.fingerprint().equals(fingerprint);
  }

  /** Imported before, from wherever it lay, whole, with nothing of its bundle left waiting. */
  synchronized boolean completed(String bundleId, int part) {
    return byPath.values().stream()
        .anyMatch(p -> p.bundleId().equals(bundleId) && p.part() == part && !p.waiting() && !p.refused());
  }

  /** The parts of {@code bundleId} whose import left tags waiting for another part. */
  synchronized List<ImportedPart> waiting(String bundleId) {
    return byPath.values().stream().filter(p -> p.bundleId().equals(bundleId) && p.waiting()).toList();
  }

  synchronized void record(List<ImportedPart> parts) throws IOException {
    parts.forEach(p -> byPath.put(p.path(), p));
    JsonFiles.write(file, new ArrayList<>(byPath.values()));
  }

  synchronized int imported() {
    return byPath.size();
  }

  synchronized int waitingCount() {
    return (int) byPath.values().stream().filter(ImportedPart::waiting).count();
  }
}
