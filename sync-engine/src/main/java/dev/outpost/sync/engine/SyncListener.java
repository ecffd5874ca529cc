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

  /** One listener that tells {@code first}, then {@code second}, of every event. */
  static SyncListener both(SyncListener first, SyncListener second) {
    return new SyncListener() {
      @Override
      public void repositoriesSelected(int count) {
        first.repositoriesSelected(count);
        second.repositoriesSelected(count);
      }

      @Override
      public void repositoryStarted(RepositoryName repository) {
        first.repositoryStarted(repository);
        second.repositoryStarted(repository);
      }

      @Override
      public void repositoryFinished(RepoResult result) {
        first.repositoryFinished(result);
        second.repositoryFinished(result);
      }

      @Override
      public void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
        first.blobStarted(repository, digest, size, alreadyPresent);
        second.blobStarted(repository, digest, size, alreadyPresent);
      }

      @Override
      public void bytesProgressed(Digest digest, long bytes) {
        first.bytesProgressed(digest, bytes);
        second.bytesProgressed(digest, bytes);
      }

      @Override
      public void blobDone(Digest digest) {
        first.blobDone(digest);
        second.blobDone(digest);
      }
    };
  }
}
