package dev.outpost.store;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.Map;

/**
 * When the sync engine first saw a local tag missing from what it selects upstream (deleted at the
 * parent, dropped by a tag rule, or its repository dropped from the selection). Kept durably in the
 * index so that {@code sync.deleteGrace} counts from the first sighting across restarts; removing
 * the tag itself is {@link TagRemover}'s job.
 */
public interface MissingTags {
  /** Records that {@code tag} was first seen missing at {@code firstSeen}, replacing any earlier record. */
  void markMissing(RepositoryName repository, Tag tag, Instant firstSeen);

  /** Forgets the record of {@code tag} (it came back, or it is gone locally too); no-op if none. */
  void clearMissing(RepositoryName repository, Tag tag);

  /** Every recorded tag of {@code repository} with its first sighting, in tag order. */
  Map<Tag, Instant> missingTags(RepositoryName repository);
}
