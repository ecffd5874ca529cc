package dev.outpost.store;

import java.nio.file.Path;

/**
 * The content store: verified blob files named by digest under {@code <data>/blobs}, partial
 * downloads under {@code <data>/ingest}, and a RocksDB index under {@code <data>/index}.
 * One process at a time may open it; a second gets {@link StoreLockedException}. The
 * implementation is {@code dev.outpost.store.rocks.RocksLocalStore}: callers that open a store
 * (the agent's wiring, tests) name it there, so this package never depends on its implementation.
 */
public interface LocalStore
    extends BlobReader, BlobIngester, ManifestReader, ManifestWriter, TokenRepository, SyncStateRepository,
        StoreMaintenance, DiskSpace, MissingTags, EvictedTags, PendingImports, ListingWatermarks,
        AutoCloseable {

  Path dataDirectory();

  @Override
  void close();
}
