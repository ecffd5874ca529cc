package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;

/** What serve calls when a client pulls a manifest: an in-memory update, cheap enough for every request. */
@FunctionalInterface
public interface PullRecorder {
  PullRecorder NONE = (repository, manifest) -> { };

  void recordPull(RepositoryName repository, Digest manifest);
}
