package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;

/**
 * The ingest handed out for a blob that is already committed: it starts complete
 * ({@link #offset()} equals the size), so a fetcher that reads the offset fetches nothing, and
 * {@link #commit()} returns the existing blob. Writing to it is an error; discarding it does
 * nothing (a committed blob is removed only by GC).
 */
final class CommittedIngest implements BlobIngest {
  private final BlobInfo blob;
  private final Runnable release;
  private boolean closed;

  CommittedIngest(BlobInfo blob, Runnable release) {
    this.blob = blob;
    this.release = release;
  }

  @Override
  public Digest digest() {
    return blob.digest();
  }

  @Override
  public long expectedSize() {
    return blob.size();
  }

  @Override
  public long offset() {
    return blob.size();
  }

  @Override
  public void write(byte[] buffer, int offset, int length) {
    if (length > 0) {
      throw new StoreException("blob " + blob.digest() + " is already committed; there is nothing to write");
    }
  }

  @Override
  public void checkpoint() {
    // Already durable.
  }

  @Override
  public BlobInfo commit() {
    close();
    return blob;
  }

  @Override
  public void discard() {
    close();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release.run();
    }
  }
}
