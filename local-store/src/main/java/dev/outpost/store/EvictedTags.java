package dev.outpost.store;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of the quota's evictions, (repository, tag) → {@link EvictedTag}. The quota
 * removes a tag and records why in one atomic write; sync reads the record so that it does not fetch
 * again an image the quota evicted while the tag still points at it upstream, and clears it when
 * the tag moves. {@code outpost status} lists the records, so evictions survive a restart.
 */
public interface EvictedTags {
  /**
   * Removes {@code eviction}'s tag and records the eviction, atomically, replacing any earlier
   * record. Returns false, and records nothing, if the tag was absent.
   */
  boolean evictTag(EvictedTag eviction);

  /** The record of {@code tag}, if the quota evicted it and sync has not cleared it since. */
  Optional<EvictedTag> evicted(RepositoryName repository, Tag tag);

  /** Forgets the record of {@code tag} (it moved upstream, or left the selection); no-op if none. */
  void clearEvicted(RepositoryName repository, Tag tag);

  /** Every record of {@code repository}, in tag order. */
  List<EvictedTag> evictedTags(RepositoryName repository);

  /** Every record, newest first. */
  List<EvictedTag> evictedTags();
}
