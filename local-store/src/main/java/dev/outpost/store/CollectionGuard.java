package dev.outpost.store;

import dev.outpost.store.model.Digest;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The exclusion between commits and garbage collection. A collection marks what is live from a
 * snapshot of the index, then sweeps the rest; meanwhile sync keeps committing. Two things keep
 * that safe: a commit that happens after the mark began is recorded by the open
 * {@link Session} (its manifest, the manifest's children and subject, the blob of every ingest
 * opened), so the sweep spares it; and the sweep's check-and-delete runs
 * {@link Session#exclusively} with commits, so a closure check never sees half a sweep and a
 * sweep never removes what a commit is about to reference.
 */
public interface CollectionGuard {
  /**
   * Begins a collection. Content whose ingest was opened after {@code recentSince} (the start of
   * the grace period) counts as in use even if that happened before this call. At most one
   * collection at a time: a second call while one is open throws {@link IllegalStateException}.
   */
  Session beginCollection(Instant recentSince);

  /** One collection in progress; close it when the sweep is done. */
  interface Session extends AutoCloseable {
    /**
     * True when {@code digest} (blob or manifest) must not be swept: an ingest of it is open, was
     * opened after the grace period began, or a commit since {@link #beginCollection} referenced it.
     */
    boolean inUse(Digest digest);

    /** Runs {@code deletions} while no manifest or tag commit runs; deletions should be short batches. */
    <T> T exclusively(Supplier<T> deletions);

    @Override
    void close();
  }
}
