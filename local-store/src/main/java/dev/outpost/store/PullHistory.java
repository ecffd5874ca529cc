package dev.outpost.store;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.Optional;

/**
 * When manifests were last pulled, for quota eviction (least recently pulled goes first) and GC
 * (content pulled within the grace period is in use). Serve records a pull in memory only; the
 * store writes the recorded times to the index in batches ({@link #flushPulls}), never one write
 * per request. A crash loses at most the pulls since the last flush.
 */
public interface PullHistory extends PullRecorder {
  /** The last pull of manifest {@code digest} through {@code repository}, recorded or flushed. */
  Optional<Instant> lastPulled(RepositoryName repository, Digest digest);

  /** Writes the pulls recorded in memory to the index in one batch; returns how many. */
  int flushPulls();
}
