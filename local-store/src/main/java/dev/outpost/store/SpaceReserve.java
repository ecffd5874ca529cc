package dev.outpost.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much free space the store keeps for its index ({@code store.reserve}): content (blob files)
 * never takes the last {@code bytes} of the filesystem, so RocksDB can always open, flush and
 * compact. {@link #NONE} keeps nothing back (libraries and tests that do not care).
 */
public record SpaceReserve(long bytes) {
  /** The default reserve's ceiling: 1 GiB. */
  public static final long DEFAULT_CEILING = 1L << 30;
  /** The default reserve as a share of the filesystem: 2%. */
  public static final double DEFAULT_SHARE = 0.02;
  public static final SpaceReserve NONE = new SpaceReserve(0);

  public SpaceReserve {
    if (bytes < 0) {
      throw new IllegalArgumentException("a reserve cannot be negative: " + bytes);
    }
  }

  /**
   * The default for a store in {@code directory} (or the nearest existing parent): 1 GiB or 2% of its
   * filesystem, whichever is smaller, so that a small volume (a 64 MiB test filesystem, a small PVC)
   * is not all reserve.
   */
  public static SpaceReserve defaultFor(Path directory) {
    return new SpaceReserve(Math.min(DEFAULT_CEILING, (long) (totalBytes(directory) * DEFAULT_SHARE)));
  }

  private static long totalBytes(Path directory) {
    Path existing = directory.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return Files.getFileStore(existing).getTotalSpace();
    } catch (IOException | RuntimeException e) {
      throw new StoreException("read the size of the filesystem of " + directory + " failed: " + e, e);
    }
  }
}
