package dev.outpost.sync.engine;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.link.BandwidthBudget;
import dev.outpost.sync.link.StopSignal;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.ContentSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Brings one blob into the store: skipped when already committed; otherwise streamed with one
 * {@code Range} request from the ingest's durable offset to the end, checkpointed every
 * {@code chunkSize} bytes, so a crash loses at most the chunk in flight; a stop first writes
 * the bytes already received, checkpoints every byte written, and wakes a read blocked on the link,
 * so it ends within a fraction of a second. A failed stream
 * is retried by the one retry policy from the ingest's current offset; an attempt that brought
 * bytes starts the retry count afresh. {@link BlobIngest#commit()} verifies digest and size before
 * anything becomes visible. Every read draws on the one {@link BandwidthBudget} of the engine.
 *
 * <p>Why one request and not one per chunk: each request costs a round trip and a fresh start of
 * the parent's response, during which no byte moves. A 256 MiB blob from docker-registry on
 * loopback took 1.2 s of transfer as one request per 8 MiB chunk and 0.65 s as one request
 * (README, Benchmarks); on a satellite link each chunk would add a round trip of several hundred
 * milliseconds. The chunk stays the unit of durable progress and of stopping.
 */
final class BlobFetcher {
  /**
   * 1 MiB buffers filled completely before each write: OkHttp hands out 8 KiB segments per read,
   * which the issue that set the sync benchmark measured at half the speed of filling 1 MiB first.
   */
  static final int BUFFER_SIZE = 1024 * 1024;
  /** The longest a stop spends keeping bytes already received (see {@code keepReceivedAndStop}). */
  static final Duration RECEIVED_DRAIN_LIMIT = Duration.ofMillis(200);

  private final ContentSource source;
  private final LocalStore store;
  private final RetryPolicy retry;
  private final long chunkSize;
  private final MeterRegistry meters;
  private final BandwidthBudget budget;
  private final StopSignal stop;

  BlobFetcher(ContentSource source, LocalStore store, RetryPolicy retry, long chunkSize, MeterRegistry meters,
      BandwidthBudget budget, StopSignal stop) {
    this.stop = stop;
    this.source = source;
    this.store = store;
    this.retry = retry;
    this.chunkSize = chunkSize;
    this.meters = meters;
    this.budget = budget;
  }

  /** Tells {@code listener} that {@code blob} is to be fetched, with its durable bytes, unless it is present. */
  void announce(RepositoryName repo, Descriptor blob, SyncListener listener) {
    if (store.stat(blob.digest()).isEmpty()) {
      listener.blobNeeded(repo, blob.digest(), blob.size(), Math.min(blob.size(), store.durableBytes(blob.digest())));
    }
  }

  /** Fetches {@code blob} of {@code repo} unless present. Throws {@link SyncStoppedException} on stop. */
  void fetch(RepositoryName repo, Descriptor blob, SyncListener listener, BooleanSupplier stopRequested) throws IOException {
    if (store.stat(blob.digest()).isPresent()) {
      return;
    }
    try (BlobIngest ingest = store.openIngest(blob.digest(), blob.size(), "parent:" + repo)) {
      listener.blobStarted(repo, blob.digest(), blob.size(), ingest.offset());
      if (stopRequested.getAsBoolean()) {
        throw new SyncStoppedException();
      }
      Transfer transfer = new Transfer(repo, blob, ingest, listener, stopRequested,
          meters.counter("outpost_sync_bytes_total", "repository", repo.value()));
      try {
        retry.execute(transfer::streamRemainder, ingest::offset);
      } catch (SyncStoppedException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        if (stopRequested.getAsBoolean()) {
          // The stop cut short the request or a backoff: a stop, not a failure, and what came is kept.
          transfer.stopHere();
        }
        throw e;
      }
      ingest.commit();
      meters.counter("outpost_sync_blobs_total", "repository", repo.value()).increment();
      listener.blobDone(blob.digest());
    }
  }

  /** The copy of one blob; {@link #streamRemainder()} is one attempt, resuming where the last stopped. */
  private final class Transfer {
    private final RepositoryName repo;
    private final Descriptor blob;
    private final BlobIngest ingest;
    private final SyncListener listener;
    private final BooleanSupplier stopRequested;
    private final Counter bytesFetched;
    private final byte[] buffer;
    private long nextCheckpoint;
    /** The offset last made durable: a stop with nothing written since need not checkpoint again. */
    private long checkpointed;

    Transfer(RepositoryName repo, Descriptor blob, BlobIngest ingest, SyncListener listener,
        BooleanSupplier stopRequested, Counter bytesFetched) {
      this.repo = repo;
      this.blob = blob;
      this.ingest = ingest;
      this.listener = listener;
      this.stopRequested = stopRequested;
      this.bytesFetched = bytesFetched;
      // Reads are cut to the budget's grant, which a bandwidth profile may change mid-blob.
      this.buffer = new byte[(int) Math.min(BUFFER_SIZE, Math.max(1, blob.size()))];
      this.checkpointed = ingest.offset();
      this.nextCheckpoint = checkpointAfter(ingest.offset());
    }

    /**
     * Streams {@code [ingest.offset(), size)} into the ingest, checkpointing at each chunk boundary.
     * Each read waits for its share of the bandwidth budget first. A stop is seen while waiting,
     * after a read, or, for a read blocked on a slow or silent link, by the {@link StopSignal}, which
     * aborts the stream (see {@link ReadGate}); each way the bytes written so far are checkpointed,
     * so the next pass re-fetches none of them.
     */
    Void streamRemainder() throws IOException {
      long from = ingest.offset();
      if (from == blob.size()) {
        return null;
      }
      ReadGate gate = new ReadGate();
      try (BlobStream in = source.openBlob(repo, blob.digest(), from, blob.size() - from);
          StopSignal.Watch watch = stop.watch(() -> gate.stop(in::abort))) {
        while (ingest.offset() < blob.size()) {
          int granted = awaitBudget((int) Math.min(buffer.length, nextCheckpoint - ingest.offset()));
          if (granted == 0) {
            keepReceivedAndStop(in);
          }
          if (!gate.enterRead()) {
            budget.refund(granted);
            keepReceivedAndStop(in);
          }
          int n;
          try {
            n = read(in, granted); // at least one byte: the range does not end before the blob does
          } finally {
            gate.exitRead();
          }
          budget.refund(granted - n);
          write(n);
          if (ingest.offset() == nextCheckpoint && ingest.offset() < blob.size()) {
            ingest.checkpoint();
            checkpointed = ingest.offset();
            nextCheckpoint = checkpointAfter(ingest.offset());
          }
          if (stopRequested.getAsBoolean() && ingest.offset() < blob.size()) {
            keepReceivedAndStop(in);
          }
        }
      }
      return null;
    }

    private void write(int n) throws IOException {
      ingest.write(buffer, 0, n);
      bytesFetched.increment(n);
      listener.bytesProgressed(blob.digest(), n);
    }

    /** A read that failed because the stop aborted it is a stop, not a failure to retry. */
    private int read(BlobStream in, int max) throws IOException {
      try {
        return in.read(buffer, 0, max);
      } catch (IOException e) {
        if (stopRequested.getAsBoolean()) {
          budget.refund(max);
          stopHere();
        }
        throw e;
      }
    }

    /**
     * A stop with the stream open: first writes what the parent already sent into this end's
     * buffers (up to a receive buffer of bytes under a cap, which the reads had not reached yet),
     * then stops. These bytes have crossed the link, so they are not charged to the budget; left
     * unread, closing the stream would throw them away and the next pass would fetch them again.
     * Bounded by {@link #RECEIVED_DRAIN_LIMIT}, so a stop stays on time.
     */
    private void keepReceivedAndStop(BlobStream in) throws IOException {
      long deadline = System.nanoTime() + RECEIVED_DRAIN_LIMIT.toNanos();
      try {
        while (ingest.offset() < blob.size() && System.nanoTime() < deadline) {
          int n = in.readReceived(buffer, 0, (int) Math.min(buffer.length, blob.size() - ingest.offset()));
          if (n == 0) {
            break;
          }
          write(n);
        }
      } catch (IOException e) {
        // The stream failed while giving what it had: what was written is kept, the rest comes next pass.
      }
      stopHere();
    }

    private int awaitBudget(int bytes) throws IOException {
      try {
        return budget.acquire(bytes, stopRequested);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the bandwidth budget");
      }
    }

    /** A clean stop: the bytes written so far become the durable offset, so none is fetched twice. */
    void stopHere() {
      if (ingest.offset() != checkpointed) {
        ingest.checkpoint();
      }
      throw new SyncStoppedException();
    }

    private long checkpointAfter(long offset) {
      return Math.min(blob.size(), offset + chunkSize);
    }
  }
}
