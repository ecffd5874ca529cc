package dev.outpost.store.gc;

import dev.outpost.store.CollectionGuard;
import dev.outpost.store.StoreMaintenance;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.model.Digest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Garbage collection of one store, safe while it serves and syncs (DESIGN.md "Deletion and
 * garbage collection"). Mark: roots are the tags, the manifests younger than the grace period
 * (a sync commits a manifest before its tag) and those pulled within it (a client that read an
 * index or manifest is about to ask for what it references). Sweep: manifests not marked, then
 * blobs no live manifest references, each older than the grace period and not in use for the
 * open {@link CollectionGuard.Session}; then partial downloads {@link PartialPolicy} lets go.
 * Deletions run in short batches, each exclusive with commits, rechecking "in use" inside.
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
      Sweep sweep = new Sweep(session, dryRun, record);
      store.forEachManifest(m -> {
        if (!mark.isLive(m.repository(), m.digest()) && m.committedAt().isBefore(cutoff)) {
          sweep.offer(m.digest(), m.size(), () -> store.deleteManifest(m.repository(), m.digest())
              ? OptionalLong.of(m.size()) : OptionalLong.empty(), bytes -> new Removal.Manifest(m.repository(), m.digest(), bytes));
        }
      });
      sweep.flush();
      store.forEachBlob(b -> {
        if (!mark.isLiveBlob(b.digest()) && b.committedAt().isBefore(cutoff)) {
          sweep.offer(b.digest(), b.size(), () -> store.deleteBlob(b.digest()), bytes -> new Removal.Blob(b.digest(), bytes));
        }
      });
      sweep.flush();
    }
    sweepPartials(now, dryRun, record);
    LOG.info("garbage collection{}: {} manifests, {} blobs, {} partials, {} bytes", dryRun ? " (dry run)" : "",
        report[0].manifests(), report[0].blobs(), report[0].partials(), report[0].bytesFreed());
    return report[0];
  }

  private Mark mark(Instant cutoff) {
    Mark mark = new Mark(store);
    store.forEachTag(tag -> mark.root(tag.repository(), tag.manifest()));
    store.forEachManifest(m -> {
      if (!m.committedAt().isBefore(cutoff) || pulledSince(m, cutoff)) {
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

  /** Candidates gathered into batches, each deleted in one exclusive section. */
  private final class Sweep {
    private record Candidate(Digest digest, long size, Supplier<OptionalLong> delete, LongFunction<Removal> removal) {}

    private final CollectionGuard.Session session;
    private final boolean dryRun;
    private final Consumer<Removal> record;
    private final List<Candidate> batch = new ArrayList<>(BATCH);

    Sweep(CollectionGuard.Session session, boolean dryRun, Consumer<Removal> record) {
      this.session = session;
      this.dryRun = dryRun;
      this.record = record;
    }

    void offer(Digest digest, long size, Supplier<OptionalLong> delete, LongFunction<Removal> removal) {
      batch.add(new Candidate(digest, size, delete, removal));
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<Removal> removed = session.exclusively(() -> {
        List<Removal> done = new ArrayList<>();
        for (Candidate candidate : batch) {
          if (session.inUse(candidate.digest())) {
            continue;
          }
          OptionalLong freed = dryRun ? OptionalLong.of(candidate.size()) : candidate.delete().get();
          freed.ifPresent(bytes -> done.add(candidate.removal().apply(bytes)));
        }
        return done;
      });
      batch.clear();
      removed.forEach(record);
    }
  }
}
