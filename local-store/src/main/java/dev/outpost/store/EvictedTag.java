package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;

/**
 * A tag the quota removed: it pointed at {@code manifest} when it was evicted {@code at}; the
 * eviction freed {@code bytes} (shared by every tag of that image), for {@code reason}.
 */
public record EvictedTag(RepositoryName repository, Tag tag, Digest manifest, Instant at, long bytes, String reason) {}
