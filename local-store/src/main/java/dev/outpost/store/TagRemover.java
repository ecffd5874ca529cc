package dev.outpost.store;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;

/** Removes tags: upstream deletions, tag rules, quota eviction. The manifest stays until GC. */
public interface TagRemover {
  /** Removes a tag; the manifest stays until garbage collection. Returns false if there was none. */
  boolean removeTag(RepositoryName repository, Tag tag);
}
