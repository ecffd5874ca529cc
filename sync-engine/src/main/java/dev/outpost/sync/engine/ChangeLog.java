package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects a pass's {@link SyncChanges} from the repository threads; sorted when read. */
final class ChangeLog {
  private final ConcurrentLinkedQueue<SyncChanges.TagMove> images = new ConcurrentLinkedQueue<>();
  private final Map<Digest, Long> blobs = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<SyncChanges.TagRef> deleted = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<SyncChanges.PendingDeletion> pending = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<SyncChanges.TagRef> skipped = new ConcurrentLinkedQueue<>();

  void tagMoved(RepositoryName repo, Tag tag, Digest digest) {
    images.add(new SyncChanges.TagMove(repo, tag, digest));
  }

  void blobFetched(Digest digest, long size) {
    blobs.putIfAbsent(digest, size);
  }

  void tagDeleted(RepositoryName repo, Tag tag) {
    deleted.add(new SyncChanges.TagRef(repo, tag));
  }

  void deletionPending(RepositoryName repo, Tag tag, Instant due) {
    pending.add(new SyncChanges.PendingDeletion(repo, tag, due));
  }

  void skippedEvicted(RepositoryName repo, Tag tag) {
    skipped.add(new SyncChanges.TagRef(repo, tag));
  }

  SyncChanges snapshot() {
    List<SyncChanges.TagMove> moved = new ArrayList<>(images);
    moved.sort(Comparator.comparing(SyncChanges.TagMove::toString));
    List<SyncChanges.TagRef> gone = new ArrayList<>(deleted);
    gone.sort(Comparator.comparing(SyncChanges.TagRef::toString));
    List<SyncChanges.PendingDeletion> waiting = new ArrayList<>(pending);
    waiting.sort(Comparator.comparing((SyncChanges.PendingDeletion p) -> p.repository() + ":" + p.tag()));
    long bytes = blobs.values().stream().mapToLong(Long::longValue).sum();
    List<SyncChanges.TagRef> evicted = new ArrayList<>(skipped);
    evicted.sort(Comparator.comparing(SyncChanges.TagRef::toString));
    return new SyncChanges(moved, blobs.size(), bytes, gone, waiting, evicted);
  }
}
