package dev.outpost.store;

import dev.outpost.store.model.Digest;

/**
 * One blob being written into the store, possibly resumed from an earlier attempt. The bytes are
 * hashed as they are written; nothing is visible to readers until {@link #commit()} has verified
 * digest and size, fsynced and renamed the file into place and recorded it in the index.
 *
 * <p>Not thread-safe: one writer per ingest. The store hands out at most one open ingest per
 * digest at a time.
 */
public interface BlobIngest extends AutoCloseable {
  Digest digest();

  long expectedSize();

  /** How many bytes are already written (and hashed); the next byte to fetch is at this offset. */
  long offset();

  /**
   * Hashes and appends {@code length} bytes. Writing past {@link #expectedSize()} discards the
   * partial content and throws {@link dev.outpost.store.model.DigestMismatchException}. After any exception the ingest
   * must be closed; reopening resumes from the last checkpoint.
   */
  void write(byte[] buffer, int offset, int length);

  /**
   * Records the offset of the bytes written so far, so that a killed process resumes here, and
   * starts making them durable (fsync) in the background, overlapping the next chunk. Called at
   * chunk boundaries. After a power loss a resumed partial may fail verification at commit and be
   * fetched again; it is never published unverified.
   */
  void checkpoint();

  /**
   * Verifies that exactly {@link #expectedSize()} bytes hashing to {@link #digest()} were written,
   * then publishes the blob. On a mismatch the partial content is discarded and
   * {@link dev.outpost.store.model.DigestMismatchException} is thrown.
   */
  BlobInfo commit();

  /**
   * Deletes the partial content and its progress record (for example after a mismatch) and closes
   * the ingest: to write again, open a new one. Does nothing once the ingest is closed or committed.
   */
  void discard();

  /** Releases the ingest; durable progress stays for a later resume. */
  @Override
  void close();
}
