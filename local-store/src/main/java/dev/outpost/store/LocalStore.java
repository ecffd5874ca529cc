package dev.outpost.store;

import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Path;

/**
 * The content store: verified blob files named by digest under {@code <data>/blobs}, partial
 * downloads under {@code <data>/ingest}, and a RocksDB index under {@code <data>/index}.
 * One process at a time may open it; a second gets {@link StoreLockedException}.
 */
public interface LocalStore
    extends BlobReader, BlobIngester, ManifestReader, ManifestWriter, TokenRepository, SyncStateRepository,
        AutoCloseable {

  static LocalStore open(Path dataDirectory) {
    return RocksLocalStore.open(dataDirectory);
  }

  /**
   * Loads the native index library now (extracting it from the jar takes a few hundred
   * milliseconds). A command line can call this on a background thread at start, so that the
   * load overlaps argument and configuration parsing; {@link #open} waits for it either way.
   */
  static void preload() {
    RocksLocalStore.loadNativeLibrary();
  }

  Path dataDirectory();

  @Override
  void close();
}
