package dev.outpost.agent.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * What a part in the watch folder looks like on disk: its bytes, its files and its newest
 * modification time (for a directory part, over every file in it). A part being copied changes its
 * fingerprint from one poll to the next; a part whose fingerprint held still across two polls is no
 * longer being written.
 */
public record Fingerprint(long bytes, long files, long modifiedMillis) {

  public static Fingerprint of(Path part) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(part, BasicFileAttributes.class);
    if (!attributes.isDirectory()) {
      return new Fingerprint(attributes.size(), 1, attributes.lastModifiedTime().toMillis());
    }
    long[] sum = {0, 0, attributes.lastModifiedTime().toMillis()};
    try (Stream<Path> files = Files.walk(part)) {
      files.forEach(file -> add(file, sum));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new Fingerprint(sum[0], sum[1], sum[2]);
  }

  private static void add(Path file, long[] sum) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      if (a.isRegularFile()) {
        sum[0] += a.size();
        sum[1]++;
      }
      sum[2] = Math.max(sum[2], a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
