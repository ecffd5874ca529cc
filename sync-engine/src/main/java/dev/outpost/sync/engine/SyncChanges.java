package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.List;

/**
 * What a pass changed, or what a dry run found it would change, in the same terms so that the two
 * can be compared: the tags that moved to a new image ({@code images}), the blobs fetched for them
 * (counted once each across repositories, with their bytes), the tags removed, and the tags
 * missing upstream that stay until their grace period ends, and the tags not fetched because the
 * quota evicted the image they still point at upstream ({@code skippedEvicted}).
 */
public record SyncChanges(List<TagMove> images, int blobs, long bytes, List<TagRef> deleted, List<PendingDeletion> pending,
    List<TagRef> skippedEvicted) {
  public static final SyncChanges NONE = new SyncChanges(List.of(), 0, 0, List.of(), List.of(), List.of());

  public SyncChanges {
    images = List.copyOf(images);
    deleted = List.copyOf(deleted);
    pending = List.copyOf(pending);
    skippedEvicted = List.copyOf(skippedEvicted);
  }

  /** A tag made to point at {@code digest} (new, or moved upstream). */
  public record TagMove(RepositoryName repository, Tag tag, Digest digest) {
    @Override
    public String toString() {
      return repository + ":" + tag + "@" + digest;
    }
  }

  /** A tag of a repository. */
  public record TagRef(RepositoryName repository, Tag tag) {
    @Override
    public String toString() {
      return repository + ":" + tag;
    }
  }

  /** A tag missing upstream, kept until {@code due} (then the first pass after it removes it). */
  public record PendingDeletion(RepositoryName repository, Tag tag, Instant due) {}
}
