package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's write-ahead log stays bounded: memtables are not flushed at close or at open (for
 * speed and for a full disk), so without a bound every open would replay every write since the
 * last memtable flush; at 1,000,000 tags that was 143 MB of log and a second per open.
 */
class RocksIndexWalTest {
  @TempDir
  Path dir;

  @Test
  void theLogLeftForTheNextOpenStaysNearItsBoundWhateverWasWritten() throws IOException {
    Path index = dir.resolve("index");
    long written = 3 * RocksIndex.MAX_WAL_BYTES;
    byte[] value = new byte[64 << 10];
    Random random = new Random(1);
    try (RocksIndex opened = RocksIndex.open(index)) {
      for (int i = 0; i * (long) value.length < written; i++) {
        random.nextBytes(value);
        byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
        byte[] copy = value.clone();
        // Spread over every family, so that no memtable fills (and flushes) by itself.
        Family family = Family.values()[i % Family.values().length];
        opened.write("test", b -> b.put(family, key, copy));
      }
    }

    assertThat(walBytes(index)).isLessThanOrEqualTo(RocksIndex.MAX_WAL_BYTES + (4L << 20));
    try (RocksIndex reopened = RocksIndex.open(index)) {
      assertThat(reopened.get(Family.values()[0], "key-0".getBytes(StandardCharsets.UTF_8), "test")).isPresent();
    }
  }

  private static long walBytes(Path index) throws IOException {
    try (Stream<Path> files = Files.list(index)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
