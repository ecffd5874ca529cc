package dev.outpost.store;

/**
 * A write failed, or was refused before it began, for lack of disk space: the filesystem is full, or
 * writing would have eaten into the store's reserve ({@code store.reserve}). Nothing half-written
 * becomes visible; what was present stays readable, and writing works again once space returns.
 */
public class StoreFullException extends StoreException {
  public StoreFullException(String message) {
    super(message);
  }

  public StoreFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
