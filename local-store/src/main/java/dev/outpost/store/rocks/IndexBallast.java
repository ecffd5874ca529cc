package dev.outpost.store.rocks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of filler bytes ({@code <data>/index.reserve}) that holds disk space for the index, and is
 * deleted when the index cannot open or write for lack of it. Why: RocksDB writes on every open (a
 * new MANIFEST, an OPTIONS file, a write-ahead log, its info log), so on a filesystem with no byte
 * free it cannot open read-write at all, whatever its options; something else (logs, another tenant
 * of the volume, an operator's copy) may fill the disk past Outpost's own reserve. Deleting this
 * file gives the index that room back. It is re-created when free space is above the reserve again.
 *
 * <p>The bytes are pseudo-random, not zeros, so that a compressing or deduplicating filesystem
 * really allocates them.
 */
final class IndexBallast {
  static final String FILE_NAME = "index.reserve";
  /** Enough for RocksDB to open (new MANIFEST, OPTIONS, log) and take several MiB of writes. */
  static final long MAX_BYTES = 16L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(IndexBallast.class);
  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final long bytes;

  IndexBallast(Path dataDirectory, long reserveBytes) {
    this.file = dataDirectory.resolve(FILE_NAME);
    this.bytes = Math.min(MAX_BYTES, reserveBytes);
  }

  long size() {
    return bytes;
  }

  /**
   * The bytes the file should hold but does not (released for lack of space, or never written):
   * content leaves them free too, so the file can come back before the disk fills again.
   */
  long missingBytes() {
    return bytes == 0 || Files.exists(file) ? 0 : bytes;
  }

  /** Deletes the file; returns the bytes this freed (0 when there was none). */
  synchronized long release() {
    try {
      long size = Files.exists(file) ? Files.size(file) : 0;
      if (Files.deleteIfExists(file) && size > 0) {
        LOG.warn("the disk of {} is full: released the index's reserved {} bytes ({}) so the index can open and write",
            file.getParent(), size, file);
      }
      return size;
    } catch (IOException e) {
      LOG.warn("could not release {}: {}", file, e.toString());
      return 0;
    }
  }

  /**
   * Creates the file if it is missing and {@code freeBytes} leaves room for it beyond
   * {@code reserveBytes}; a write that fails (the disk filled meanwhile) leaves no file.
   */
  synchronized void replenish(long freeBytes, long reserveBytes) {
    if (bytes == 0 || Files.exists(file) || freeBytes < reserveBytes + bytes) {
      return;
    }
    Path partial = file.resolveSibling(FILE_NAME + ".new");
    try {
      write(partial);
      Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("could not set aside {} bytes for the index in {}: {}", bytes, file, e.toString());
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // Nothing more to do: it is retried with the next replenish.
      }
    }
  }

  private void write(Path target) throws IOException {
    SplittableRandom random = new SplittableRandom(bytes);
    byte[] buffer = new byte[BUFFER];
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      for (long written = 0; written < bytes; written += BUFFER) {
        for (int i = 0; i < BUFFER; i += 8) {
          long value = random.nextLong();
          for (int b = 0; b < 8; b++) {
            buffer[i + b] = (byte) (value >>> (8 * b));
          }
        }
        out.write(buffer, 0, (int) Math.min(BUFFER, bytes - written));
      }
    }
  }
}
