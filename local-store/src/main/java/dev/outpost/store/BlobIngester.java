package dev.outpost.store;

import dev.outpost.store.model.Digest;

/** Starts or resumes blob ingests. */
public interface BlobIngester {
  /**
   * Opens an ingest for {@code digest}. If an earlier ingest left durable progress, it is resumed:
   * the partial bytes up to the recorded offset are re-hashed from disk and anything beyond that
   * offset is dropped. {@code source} (for example {@code parent:library/hello}) is recorded for
   * diagnostics. Throws {@link StoreException} if another ingest of the same digest is open.
   *
   * <p>If the blob is already committed with {@code expectedSize}, the ingest starts complete
   * ({@code offset() == expectedSize}) and its {@code commit()} returns the existing blob; with
   * another size, {@link dev.outpost.store.model.DigestMismatchException} is thrown.
   */
  BlobIngest openIngest(Digest digest, long expectedSize, String source);

  /**
   * The bytes of {@code digest} held durably by an earlier ingest (its recorded offset), which an
   * ingest opened now would resume from; 0 when there is none. For planning (how much is left to
   * fetch): {@link #openIngest} re-checks the partial file before trusting it.
   */
  long durableBytes(Digest digest);
}
