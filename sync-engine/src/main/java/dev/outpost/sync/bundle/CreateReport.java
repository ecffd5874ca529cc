package dev.outpost.sync.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * What a bundle create did: the bundle's id and parts, the items and bytes it carries, the bytes
 * written by this run and those an interrupted run had already written (kept, not written again),
 * and what the delta left out because the site holds it.
 */
public record CreateReport(String bundleId, List<Path> parts, int tags, int items, long bytesCarried,
    long bytesWritten, long bytesKept, int itemsSkipped, long bytesSkipped, boolean resumed, List<String> warnings) {
  public CreateReport {
    parts = List.copyOf(parts);
    warnings = List.copyOf(warnings);
  }
}
