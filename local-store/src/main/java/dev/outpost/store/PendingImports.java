package dev.outpost.store;

import dev.outpost.store.model.Digest;
import java.util.Collection;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Content a bundle import staged but could not commit yet: blobs, and manifests kept as verified
 * blob files by digest, whose images wait for a part not imported yet. Each bundle (by id) keeps its
 * digests; garbage collection treats every kept digest as live until the bundle's record is
 * forgotten (its tags are complete), so parts can arrive weeks apart and in any order.
 */
public interface PendingImports {
  /** Adds {@code digests} to what bundle {@code bundleId} keeps (one synced index write). */
  void keepPending(String bundleId, Collection<Digest> digests);

  /** What bundle {@code bundleId} keeps; empty when it keeps nothing. */
  Set<Digest> pendingOf(String bundleId);

  /** Forgets everything bundle {@code bundleId} keeps (its tags are complete). */
  void forgetPending(String bundleId);

  /** Every (bundle id, digest) kept, in key order. */
  void forEachPending(BiConsumer<String, Digest> action);
}
