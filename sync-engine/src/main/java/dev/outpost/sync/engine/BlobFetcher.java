package dev.outpost.sync.engine;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.registry.BlobStream;
import dev.outpost.sync.registry.RegistryClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

/**
 * Brings one blob into the store: skipped when already committed; otherwise fetched in
 * {@code Range} chunks, each streamed into the ingest and then checkpointed, so a crash or a stop
 * loses at most the chunk in flight. A failed chunk is retried by the one retry policy from the
 * ingest's current offset. {@link BlobIngest#commit()} verifies digest and size before anything
 * becomes visible.
 */
final class BlobFetcher {
  /** 1 MiB buffers filled completely before each write: OkHttp hands out 8 KiB segments per read, at half the speed. */
  static final int BUFFER_SIZE = 1024 * 1024;

  private final RegistryClient registry;
  private final LocalStore store;
  private final RetryPolicy retry;
  private final long chunkSize;
  private final MeterRegistry meters;

  BlobFetcher(RegistryClient registry, LocalStore store, RetryPolicy retry, long chunkSize, MeterRegistry meters) {
    this.registry = registry;
    this.store = store;
    this.retry = retry;
    this.chunkSize = chunkSize;
    this.meters = meters;
  }

  /** Fetches {@code blob} of {@code repo} unless present. Throws {@link SyncStoppedException} on stop. */
  void fetch(RepositoryName repo, Descriptor blob, SyncListener listener, BooleanSupplier stopRequested) throws IOException {
    if (store.stat(blob.digest()).isPresent()) {
      return;
    }
    try (BlobIngest ingest = store.openIngest(blob.digest(), blob.size(), "parent:" + repo)) {
      listener.blobStarted(repo, blob.digest(), blob.size(), ingest.offset());
      byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, blob.size()))];
      // Looked up once per blob: the copy loop below runs once per MiB.
      Counter bytesFetched = meters.counter("outpost_sync_bytes_total", "repository", repo.value());
      while (ingest.offset() < blob.size()) {
        if (stopRequested.getAsBoolean()) {
          throw new SyncStoppedException();
        }
        long chunkEnd = Math.min(blob.size(), ingest.offset() + chunkSize);
        retry.execute(() -> copyRange(repo, blob.digest(), ingest, chunkEnd, buffer, listener, bytesFetched));
        ingest.checkpoint();
      }
      ingest.commit();
      meters.counter("outpost_sync_blobs_total", "repository", repo.value()).increment();
      listener.blobDone(blob.digest());
    }
  }

  /** Streams {@code [ingest.offset(), chunkEnd)} into the ingest; a retry resumes where this stopped. */
  private Void copyRange(RepositoryName repo, Digest digest, BlobIngest ingest, long chunkEnd, byte[] buffer,
      SyncListener listener, Counter bytesFetched) throws IOException {
    long from = ingest.offset();
    try (BlobStream in = registry.blobRange(repo, digest, from, chunkEnd - from)) {
      while (ingest.offset() < chunkEnd) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, chunkEnd - ingest.offset()));
        if (n <= 0) {
          throw new IOException("blob " + digest + " of " + repo + ": no bytes at offset " + ingest.offset());
        }
        ingest.write(buffer, 0, n);
        bytesFetched.increment(n);
        listener.bytesProgressed(digest, n);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return null;
  }
}
