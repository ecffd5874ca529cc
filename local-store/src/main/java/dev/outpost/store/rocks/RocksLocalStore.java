package dev.outpost.store.rocks;

import dev.outpost.store.LocalStore;
import java.nio.file.Path;

/** The RocksDB-indexed content store. (Stub: being implemented.) */
public abstract class RocksLocalStore implements LocalStore {
  public static LocalStore open(Path dataDirectory) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
