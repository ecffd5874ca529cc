package dev.outpost.store.gc;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The quota's unit of eviction: a manifest of a repository with the tags that point at it, the
 * blobs its closure references (an index's children, referrers), and when it was last used: its
 * last pull (the latest pull of any manifest in its closure, since a client pulls an index by tag
 * and then its child by digest) or, never pulled, its commit time.
 */
record TaggedImage(
    RepositoryName repository,
    Digest manifest,
    List<Tag> tags,
    Set<Digest> blobs,
    Optional<Instant> lastPulled,
    Instant committedAt) {

  TaggedImage {
    tags = List.copyOf(tags);
    blobs = Set.copyOf(blobs);
  }

  Instant lastUsed() {
    return lastPulled.orElse(committedAt);
  }
}
