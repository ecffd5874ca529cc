package dev.outpost.agent.imports;

import dev.outpost.sync.bundle.ImportReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Imports bundle parts into the store (the daemon's is {@code BundleImport.run} over its open store).
 * Parts of one bundle given together form one source. A seam so that the watcher can be tested
 * without the import and the import used by more than the watcher.
 */
@FunctionalInterface
public interface BundleImporter {
  ImportReport importParts(List<Path> parts) throws IOException;
}
