package dev.outpost.store;

/**
 * The store's view of its filesystem, for status, metrics and the decision to start a sync pass.
 * Cheap enough to call before every pass and every scrape (one {@code statfs}).
 */
public interface DiskSpace {
  /** Free space now, the reserve kept for the index, and why writing stopped if it did. */
  SpaceReport space();
}
