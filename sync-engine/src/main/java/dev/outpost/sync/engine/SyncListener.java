package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;

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

  /**
   * An image's manifest is resolved and its blob {@code digest} ({@code size} bytes, of which
   * {@code alreadyPresent} are held durably from an earlier attempt) is not in the store: the pass
   * will fetch it. Told for every such blob of the image before any of them starts, so a pass's
   * total covers what it knows it needs, not only the blobs begun. {@link #blobStarted} follows for
   * each, unless the pass stops first or another repository's fetch of the same blob brings it.
   */
  default void blobNeeded(RepositoryName repository, Digest digest, long size, long alreadyPresent) {}

  default void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {}

  default void bytesProgressed(Digest digest, long bytes) {}

  default void blobDone(Digest digest) {}

  /**
   * A selected tag could not be brought up to date because the source does not hold part of its
   * closure (a bundle part not imported yet); the tag stays as it was. {@code reason} names the item.
   */
  default void tagWaiting(RepositoryName repository, Tag tag, String reason) {}

  /** A selected tag failed ({@code failure} says why: a damaged item, a refusal); the other tags go on. */
  default void tagFailed(RepositoryName repository, Tag tag, Throwable failure) {}

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
      public void blobNeeded(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
        first.blobNeeded(repository, digest, size, alreadyPresent);
        second.blobNeeded(repository, digest, size, alreadyPresent);
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

      @Override
      public void tagWaiting(RepositoryName repository, Tag tag, String reason) {
        first.tagWaiting(repository, tag, reason);
        second.tagWaiting(repository, tag, reason);
      }

      @Override
      public void tagFailed(RepositoryName repository, Tag tag, Throwable failure) {
        first.tagFailed(repository, tag, failure);
        second.tagFailed(repository, tag, failure);
      }
    };
  }
}
