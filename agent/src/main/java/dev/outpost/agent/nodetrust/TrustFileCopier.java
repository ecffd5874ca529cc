package dev.outpost.agent.nodetrust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes every regular file under {@code from} exist, with the same bytes, at the same relative path
 * under {@code to}; files already equal are left alone and nothing under {@code to} is deleted
 * (other registries' configurations live beside ours). {@code from} may be a Kubernetes ConfigMap or
 * projected volume: its entries are symlinks into a {@code ..data} directory, so links are followed
 * and the {@code ..}-prefixed bookkeeping names skipped. Each file is written to a temporary name in
 * its directory and renamed, so containerd never reads half a hosts.toml.
 */
public final class TrustFileCopier {
  private final Path from;
  private final Path to;

  public TrustFileCopier(Path from, Path to) {
    this.from = from;
    this.to = to;
  }

  /** Copies what differs; returns the destination files written. */
  public List<Path> copyChanged() {
    List<Path> written = new ArrayList<>();
    for (Path relative : sourceFiles()) {
      Path target = to.resolve(relative.toString());
      try {
        byte[] content = Files.readAllBytes(from.resolve(relative));
        if (!Files.isRegularFile(target) || !Arrays.equals(content, Files.readAllBytes(target))) {
          write(target, content);
          written.add(target);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + from.resolve(relative) + " to " + target + ": " + e.getMessage(), e);
      }
    }
    return written;
  }

  private List<Path> sourceFiles() {
    if (!Files.isDirectory(from)) {
      throw new IllegalArgumentException("--from " + from + " is not a directory");
    }
    try (Stream<Path> files = Files.walk(from, FileVisitOption.FOLLOW_LINKS)) {
      return files.filter(Files::isRegularFile)
          .map(from::relativize)
          .filter(relative -> !relative.toString().startsWith(".."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + from + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path target, byte[] content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(temporary, content);
      // Certificates and hosts.toml are public; containerd runs as root but tools may not.
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
