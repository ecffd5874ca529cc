package dev.outpost.serve.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One reading of this process's memory from {@code /proc/self}: resident set size as {@code ps} and
 * a cgroup see it ({@code VmRSS}), its anonymous and file-backed parts ({@code RssAnon},
 * {@code RssFile}), and how many live mappings name one file. File pages are counted once per
 * mapping, so a mapping per download of a blob shows up here as RSS that grows with the downloads.
 */
record MemorySample(long rssKib, long anonKib, long fileKib, long mappings) {

  /** Reads {@code /proc/self/status} and counts the lines of {@code /proc/self/maps} naming {@code file}. */
  static MemorySample of(Path file) {
    try {
      String name = file.toRealPath().toString(); // the kernel names a mapped file by its resolved path
      List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
      long mappings = Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith(name)).count();
      return new MemorySample(kib(status, "VmRSS:"), kib(status, "RssAnon:"), kib(status, "RssFile:"), mappings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The larger of each figure (peaks over a series of samples). */
  MemorySample max(MemorySample other) {
    return new MemorySample(Math.max(rssKib, other.rssKib), Math.max(anonKib, other.anonKib),
        Math.max(fileKib, other.fileKib), Math.max(mappings, other.mappings));
  }

  @Override
  public String toString() {
    return "RSS %d MiB (anon %d, file %d), %d mappings of the blob".formatted(rssKib >> 10, anonKib >> 10,
        fileKib >> 10, mappings);
  }

  private static long kib(List<String> status, String key) {
    return status.stream().filter(line -> line.startsWith(key)).findFirst()
        .map(line -> Long.parseLong(line.substring(key.length()).replace("kB", "").strip()))
        .orElseThrow(() -> new IllegalStateException("/proc/self/status has no " + key));
  }
}
