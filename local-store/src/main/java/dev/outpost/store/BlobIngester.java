package dev.outpost.store;

import dev.outpost.store.model.Digest;

/** Starts or resumes blob ingests. */
public interface BlobIngester {
  /**
   * Opens an ingest for {@code digest}. If an earlier ingest left durable progress, it is resumed:
   * the partial bytes up to the recorded offset are re-hashed from disk and anything beyond that
   * offset is dropped. {@code source} (for example {@code parent:library/hello}) is recorded for
   * diagnostics. Throws {@link StoreException} if another ingest of the same digest is open.
   */
  BlobIngest openIngest(Digest digest, long expectedSize, String source);
}
