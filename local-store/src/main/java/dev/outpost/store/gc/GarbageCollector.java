package dev.outpost.store.gc;

import dev.outpost.store.CollectionGuard;
import dev.outpost.store.StoreMaintenance;
import dev.outpost.store.StoredBlob;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.model.Digest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of one store, safe while it serves and syncs (DESIGN.md "Deletion and
 * garbage collection"). Mark: roots are the tags, the content pending bundle imports keep, the
 * manifests younger than the grace period (a sync commits a manifest before its tag) and those pulled within it (a client that read an
 * index or manifest is about to ask for what it references). Sweep: manifests not marked, then
 * blobs no live manifest references, each older than the grace period and not in use for the
 * open {@link CollectionGuard.Session}; then partial downloads {@link PartialPolicy} lets go.
 * Deletions run in short batches, each exclusive with commits, rechecking "in use" inside, and each
 * one store call ({@code deleteManifests}, {@code deleteBlobs}): one synced index write per batch.
 *
 * <p>A dry run walks the same way and reports what it would remove, removing nothing.
 */
public final class GarbageCollector {
  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  /** Deletions per exclusive batch: commits wait at most this many index deletions. */
  static final int BATCH = 256;

  private final StoreMaintenance store;
  private final Duration grace;
  private final PartialPolicy partials;
  private final Clock clock;

  public GarbageCollector(StoreMaintenance store, Duration grace, PartialPolicy partials, Clock clock) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    this.store = store;
    this.grace = grace;
    this.partials = partials;
    this.clock = clock;
  }

  public GcReport collect(boolean dryRun) {
    return collect(dryRun, removal -> { });
  }

  /** Collects, telling {@code listener} of each removal (in a dry run: each removal it would make). */
  public GcReport collect(boolean dryRun, Consumer<Removal> listener) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(grace);
    GcReport[] report = {new GcReport(dryRun, 0, 0, 0, 0)};
    Consumer<Removal> record = removal -> {
      report[0] = report[0].plus(removal);
      listener.accept(removal);
    };
    try (CollectionGuard.Session session = store.beginCollection(cutoff)) {
      Mark mark = mark(cutoff);
      Sweep<StoredManifest> manifests = new Sweep<>(session, dryRun, record, StoredManifest::digest,
          m -> new Removal.Manifest(m.repository(), m.digest(), m.size()),
          batch -> store.deleteManifests(batch).stream()
              .<Removal>map(m -> new Removal.Manifest(m.repository(), m.digest(), m.size())).toList());
      store.forEachManifest(m -> {
        if (!mark.isLive(m.repository(), m.digest()) && m.committedAt().isBefore(cutoff)) {
          manifests.offer(m);
        }
      });
      manifests.flush();
      Sweep<StoredBlob> blobs = new Sweep<>(session, dryRun, record, StoredBlob::digest,
          b -> new Removal.Blob(b.digest(), b.size()),
          batch -> store.deleteBlobs(batch.stream().map(StoredBlob::digest).toList()).entrySet().stream()
              .<Removal>map(e -> new Removal.Blob(e.getKey(), e.getValue())).toList());
      store.forEachBlob(b -> {
        if (!mark.isLiveBlob(b.digest()) && b.committedAt().isBefore(cutoff)) {
          blobs.offer(b);
        }
      });
      blobs.flush();
    }
    sweepPartials(now, dryRun, record);
    LOG.info("garbage collection{}: {} manifests, {} blobs, {} partials, {} bytes", dryRun ? " (dry run)" : "",
        report[0].manifests(), report[0].blobs(), report[0].partials(), report[0].bytesFreed());
    return report[0];
  }

  private Mark mark(Instant cutoff) {
    Mark mark = new Mark(store);
    store.forEachTag(tag -> mark.root(tag.repository(), tag.manifest()));
    // Kept by a bundle import whose images wait for another part (staged blob files, and manifests
    // committed without their tag yet): no tag reaches them until the last part arrives.
    Set<Digest> pending = new HashSet<>();
    store.forEachPending((bundle, digest) -> pending.add(digest));
    pending.forEach(mark::keepBlob);
    store.forEachManifest(m -> {
      if (!m.committedAt().isBefore(cutoff) || pulledSince(m, cutoff) || pending.contains(m.digest())) {
        mark.root(m.repository(), m.digest());
      }
    });
    return mark;
  }

  private boolean pulledSince(StoredManifest manifest, Instant cutoff) {
    return store.lastPulled(manifest.repository(), manifest.digest()).filter(t -> !t.isBefore(cutoff)).isPresent();
  }

  /** Partials are outside the commit exclusion: the store refuses to delete one whose ingest is open. */
  private void sweepPartials(Instant now, boolean dryRun, Consumer<Removal> record) {
    store.forEachPartial(p -> partials.reasonToRemove(p, now).ifPresent(reason -> {
      OptionalLong freed = dryRun ? OptionalLong.of(p.fileSize()) : store.deletePartial(p.digest());
      freed.ifPresent(bytes -> record.accept(new Removal.Partial(p.digest(), bytes, reason)));
    }));
  }

  /**
   * Candidates gathered into batches of {@link #BATCH}, each rechecked and deleted in one exclusive
   * section with one store call (one index write for the batch, not one per deletion).
   */
  private static final class Sweep<T> {
    private final CollectionGuard.Session session;
    private final boolean dryRun;
    private final Consumer<Removal> record;
    private final Function<T, Digest> digest;
    private final Function<T, Removal> wouldRemove;
    private final Function<List<T>, List<Removal>> delete;
    private final List<T> batch = new ArrayList<>(BATCH);

    Sweep(CollectionGuard.Session session, boolean dryRun, Consumer<Removal> record, Function<T, Digest> digest,
        Function<T, Removal> wouldRemove, Function<List<T>, List<Removal>> delete) {
      this.session = session;
      this.dryRun = dryRun;
      this.record = record;
      this.digest = digest;
      this.wouldRemove = wouldRemove;
      this.delete = delete;
    }

    void offer(T candidate) {
      batch.add(candidate);
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<Removal> removed = session.exclusively(() -> {
        List<T> free = batch.stream().filter(c -> !session.inUse(digest.apply(c))).toList();
        if (free.isEmpty()) {
          return List.<Removal>of();
        }
        return dryRun ? free.stream().map(wouldRemove).toList() : delete.apply(free);
      });
      batch.clear();
      removed.forEach(record);
    }
  }
}
