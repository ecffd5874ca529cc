package dev.outpost.agent.imports;

import dev.outpost.sync.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the bundle parts in the watch folder: directories holding {@value BundleManifest#FILE_NAME}
 * and {@code .tar} files, at the top or a few folders down (a bundle's {@code part-<n>-of-<N>/}
 * directories sit in a folder of their own). Hidden names are skipped: copy tools (rsync) write
 * into hidden temporary files and rename them when done. Nothing here reads or changes a part.
 */
final class WatchFolder {
  /** The folder itself, a bundle folder in it, a part directory in that. */
  private static final int MAX_DEPTH = 3;
  static final String TAR_SUFFIX = ".tar";

  private WatchFolder() {}

  /** The candidate parts under {@code folder}, in name order; empty when there is no such folder. */
  static List<Path> parts(Path folder) throws IOException {
    List<Path> parts = new ArrayList<>();
    if (Files.exists(folder.resolve(BundleManifest.FILE_NAME))) {
      parts.add(folder); // a part copied as the watch folder itself
    } else if (Files.isDirectory(folder)) {
      collect(folder, 1, parts);
    }
    return parts;
  }

  private static void collect(Path dir, int depth, List<Path> parts) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(dir)) {
      entries = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        if (Files.exists(entry.resolve(BundleManifest.FILE_NAME))) {
          parts.add(entry);
        } else if (depth < MAX_DEPTH) {
          collect(entry, depth + 1, parts);
        }
      } else if (entry.getFileName().toString().endsWith(TAR_SUFFIX) && Files.isRegularFile(entry)) {
        parts.add(entry);
      }
    }
  }
}
