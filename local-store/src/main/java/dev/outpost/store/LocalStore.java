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
   * Loads the native index library now: from {@code java.library.path} when it is there
   * ({@code scripts/outpost} points it at {@code agent/target/native}, where the build unpacks
   * it), otherwise RocksDB first extracts it from the jar to a temporary file (about 0.1 s, see
   * README.md "Benchmarks"). A command line can call this on a background thread at start, so
   * that the load overlaps argument and configuration parsing; {@link #open} waits for it either
   * way.
   */
  static void preload() {
    RocksLocalStore.loadNativeLibrary();
  }

  Path dataDirectory();

  @Override
  void close();
}
