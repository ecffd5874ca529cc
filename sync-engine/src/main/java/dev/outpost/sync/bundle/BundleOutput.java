package dev.outpost.sync.bundle;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a bundle goes ({@code --output PATH}): a path ending in {@code .tar} means tar parts, any
 * other a directory. One part is {@code PATH} itself; with N parts, part n is {@code
 * PATH/part-n-of-N/} or {@code <PATH without .tar>.part-n-of-N.tar}. A create keeps its state (the
 * plan, tar journals) in {@code PATH/.outpost-create/} for a directory and beside the tar in {@code
 * PATH.outpost-create/}, and removes it once the bundle is finished.
 */
public record BundleOutput(Path path) {
  public static final String STATE_DIR = ".outpost-create";

  public BundleOutput {
    path = path.toAbsolutePath().normalize();
  }

  public boolean tar() {
    return path.getFileName().toString().endsWith(".tar");
  }

  public Path part(int n, int parts) {
    if (parts == 1) {
      return path;
    }
    String name = path.getFileName().toString();
    return tar()
        ? path.resolveSibling(name.substring(0, name.length() - ".tar".length()) + ".part-" + n + "-of-" + parts + ".tar")
        : path.resolve("part-" + n + "-of-" + parts);
  }

  public Path stateDir() {
    return tar() ? path.resolveSibling(path.getFileName() + STATE_DIR) : path.resolve(STATE_DIR);
  }

  /** The journal of tar part {@code n}. */
  Path journal(int n) {
    return stateDir().resolve("part-" + n + ".journal");
  }

  /** What is already at the output, other than a create's state: a non-empty directory, a tar, tar parts. */
  List<Path> existing() throws IOException {
    List<Path> found = new ArrayList<>();
    if (tar()) {
      if (Files.exists(path)) {
        found.add(path);
      }
      String name = path.getFileName().toString();
      String glob = name.substring(0, name.length() - ".tar".length()) + ".part-*-of-*.tar";
      if (Files.isDirectory(path.getParent())) {
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(path.getParent(), glob)) {
          parts.forEach(found::add);
        }
      }
    } else if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        entries.filter(p -> !p.getFileName().toString().equals(STATE_DIR)).forEach(found::add);
      }
    } else if (Files.exists(path)) {
      found.add(path);
    }
    return found;
  }
}
