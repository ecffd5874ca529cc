package dev.outpost.sync.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the paths a user gives {@code bundle import} into opened parts: a path is a part (a
 * directory holding {@value BundleManifest#FILE_NAME} or an OCI layout, or a {@code .tar} file),
 * or a directory holding parts named as {@code bundle create} names them ({@code part-<n>-of-<N>/}
 * directories, {@code *.part-<n>-of-<N>.tar} files). A part without its bundle manifest is refused
 * (its creation did not finish).
 */
final class BundleParts {
  private static final Pattern PART_DIR = Pattern.compile("part-\\d+-of-\\d+");
  private static final Pattern PART_TAR = Pattern.compile(".*\\.part-\\d+-of-\\d+\\.tar");

  private BundleParts() {}

  /** Opens every part {@code paths} name; on failure, closes what it opened. */
  static List<BundlePart> open(List<Path> paths) throws IOException {
    List<BundlePart> parts = new ArrayList<>();
    try {
      for (Path path : paths) {
        for (Path part : expand(path)) {
          parts.add(openPart(part));
        }
      }
      return parts;
    } catch (IOException | RuntimeException e) {
      parts.forEach(BundlePart::close);
      throw e;
    }
  }

  /** The parts one given path names. */
  static List<Path> expand(Path path) throws IOException {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new InvalidBundleException(path + " does not exist (expected a bundle part: a directory or a .tar file)");
    }
    if (isLayout(path)) {
      return List.of(path);
    }
    List<Path> parts;
    try (Stream<Path> children = Files.list(path)) {
      parts = children.filter(BundleParts::looksLikePart).sorted().toList();
    }
    if (parts.isEmpty()) {
      throw new InvalidBundleException(path + " is neither a bundle part (no " + BundleManifest.FILE_NAME
          + ", no oci-layout) nor a directory holding parts (part-<n>-of-<N>/ or *.part-<n>-of-<N>.tar)");
    }
    return parts;
  }

  private static boolean isLayout(Path dir) {
    return Files.exists(dir.resolve(BundleManifest.FILE_NAME)) || Files.exists(dir.resolve("oci-layout"));
  }

  private static boolean looksLikePart(Path child) {
    String name = child.getFileName().toString();
    return (Files.isDirectory(child) && PART_DIR.matcher(name).matches())
        || (Files.isRegularFile(child) && PART_TAR.matcher(name).matches());
  }

  private static BundlePart openPart(Path part) throws IOException {
    return Files.isDirectory(part) ? DirectoryPart.open(part) : TarPart.open(part);
  }
}
