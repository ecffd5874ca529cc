package dev.outpost.agent.imports;

import dev.outpost.sync.bundle.ImportReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Outpost's one importer: imports run one at a time (the watch folder and an import asked
 * through the admin API must not write one bundle's content twice at once), and each report becomes
 * every repository's last import in {@link ImportHistory}.
 */
public final class RecordingImporter implements BundleImporter {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingImporter.class);

  private final BundleImporter importer;
  private final ImportHistory history;
  private final Clock clock;

  public RecordingImporter(BundleImporter importer, ImportHistory history, Clock clock) {
    this.importer = importer;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public synchronized ImportReport importParts(List<Path> parts) throws IOException {
    ImportReport report = importer.importParts(parts);
    try {
      history.record(report, clock.instant());
    } catch (IOException e) {
      // The content is imported; only what status shows about it is lost.
      LOG.warn("the import of {} is done but its record for status could not be written: {}", parts, e.getMessage());
    }
    return report;
  }
}
