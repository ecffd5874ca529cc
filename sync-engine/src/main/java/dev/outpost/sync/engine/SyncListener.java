package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;

/**
 * Progress of a pass, for a progress line or a status page. Called from worker threads; methods
 * must be quick and thread-safe. Every method defaults to doing nothing.
 */
public interface SyncListener {
  SyncListener NONE = new SyncListener() {};

  /** The pass has selected {@code count} repositories to sync; called once, before any of them starts. */
  default void repositoriesSelected(int count) {}

  default void repositoryStarted(RepositoryName repository) {}

  default void repositoryFinished(RepoResult result) {}

  default void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {}

  default void bytesProgressed(Digest digest, long bytes) {}

  default void blobDone(Digest digest) {}
}
