package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;

/** A tag and the manifest it points at. */
public record StoredTag(RepositoryName repository, Tag tag, Digest manifest) {}
