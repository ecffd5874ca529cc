package dev.outpost.store;

/**
 * The store's index is open in another process (RocksDB allows one writer). Commands that must
 * work while {@code outpost run} is running catch this and go through the admin API instead.
 */
public final class StoreLockedException extends StoreException {
  public StoreLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
