package dev.outpost.agent.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.outpost.agent.status.RepoImport;
import dev.outpost.sync.bundle.ImportReport;
import dev.outpost.sync.bundle.ImportReport.RepositoryImport;
import dev.outpost.store.model.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each repository's last import, kept in {@value #FILE_NAME} under the storage path for
 * {@code outpost status}, whichever way the import came (the watch folder, {@code bundle import}).
 * A file of its own rather than the store's sync-state records: those belong to the engine and say
 * how a sync pass went; this says which bundle the content came from and what still waits for a part.
 */
public final class ImportHistory {
  static final String FILE_NAME = "imports.json";
  private static final Logger LOG = LoggerFactory.getLogger(ImportHistory.class);

  private final Path file;

  private ImportHistory(Path file) {
    this.file = file;
  }

  public static ImportHistory at(Path storage) {
    return new ImportHistory(storage.resolve(FILE_NAME));
  }

  /** Records {@code report} as the last import of every repository it names. */
  public synchronized void record(ImportReport report, Instant at) throws IOException {
    Map<String, RepoImport> all = new TreeMap<>(read());
    for (RepositoryImport r : report.repositories()) {
      all.put(r.repository().value(), new RepoImport(at, report.bundleId(), new ArrayList<>(report.partsRead()),
          report.parts(), r.tagsVisible(), r.waiting().stream().map(Tag::value).toList(), r.failure().orElse(null)));
    }
    JsonFiles.write(file, all);
  }

  /** Repository name to its last import; empty when nothing was imported (or the file is unreadable). */
  public synchronized Map<String, RepoImport> read() {
    try {
      return JsonFiles.JSON.readValue(Files.readAllBytes(file), new TypeReference<TreeMap<String, RepoImport>>() {});
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      LOG.warn("{} cannot be read ({}); status shows no imports", file, e.getMessage());
      return Map.of();
    }
  }
}
