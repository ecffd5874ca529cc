package dev.outpost.store;

/** A storage operation failed (I/O or RocksDB). The message names the operation that was attempted. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
