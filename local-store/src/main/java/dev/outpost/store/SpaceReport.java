package dev.outpost.store;

import java.util.Optional;

/**
 * The store's filesystem at one instant. {@code freeBytes} is what the store's process may still
 * write ({@code usable space}); {@code reserveBytes} is the part of it that content never takes, so
 * that the index can always open, flush and compact. {@code fullReason} says why writing content
 * stopped (the last write refused or failed for lack of space) while the disk is still short;
 * empty when there is room.
 */
public record SpaceReport(long freeBytes, long totalBytes, long reserveBytes, Optional<String> fullReason) {
  /** True when content may not be written now: free space is at or below the reserve, or a write just failed. */
  public boolean full() {
    return fullReason.isPresent();
  }

  /** Bytes content may still take before it would eat into the reserve; never negative. */
  public long availableForContent() {
    return Math.max(0, freeBytes - reserveBytes);
  }
}
