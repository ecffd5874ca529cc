package dev.outpost.sync.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** Test helper: every file of a layout (directory or tar) by its path inside the layout, create state left out. */
final class LayoutFiles {
  private LayoutFiles() {}

  static Map<String, byte[]> read(Path layout) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (Files.isDirectory(layout)) {
      try (Stream<Path> paths = Files.walk(layout)) {
        for (Path p : paths.filter(Files::isRegularFile).toList()) {
          String name = layout.relativize(p).toString();
          if (!name.startsWith(BundleOutput.STATE_DIR)) {
            files.put(name, Files.readAllBytes(p));
          }
        }
      }
      return files;
    }
    try (TarFile tar = new TarFile(layout)) {
      for (TarArchiveEntry entry : tar.getEntries()) {
        try (InputStream in = tar.getInputStream(entry)) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return files;
  }
}
