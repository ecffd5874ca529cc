package dev.outpost.sync.bundle;

import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.link.BandwidthBudget;
import dev.outpost.sync.source.BlobStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * Copies one blob into a sink through a fixed buffer, hashing every byte as it passes, so memory
 * never grows with the blob. A stream that fails mid-way is reopened from the bytes already
 * copied, under the one retry policy (an attempt that brought bytes starts the count afresh). The
 * sink's own failures are not retried. {@link #copy} returns only after the digest and size were
 * verified; a mismatch is a {@link BundleWriteException} and the caller drops what it wrote.
 * Each read first takes its bytes from a {@link BandwidthBudget}: a bundle made from the parent
 * crosses the same link as sync and keeps to the same {@code sync.maxBandwidth} and profile.
 */
public final class BlobCopy {
  static final int BUFFER_SIZE = 1024 * 1024;

  private final RetryPolicy retry;
  private final BooleanSupplier stopRequested;
  private final BandwidthBudget budget;

  /** A copy with no cap: from a store or bundle on this machine. */
  public BlobCopy(RetryPolicy retry, BooleanSupplier stopRequested) {
    this(retry, stopRequested, BandwidthBudget.unlimited());
  }

  public BlobCopy(RetryPolicy retry, BooleanSupplier stopRequested, BandwidthBudget budget) {
    this.retry = retry;
    this.stopRequested = stopRequested;
    this.budget = budget;
  }

  /**
   * Copies bytes {@code [verifier.count(), size)} from {@code opener} into {@code sink}; the
   * verifier has already seen the bytes before (a resumed partial). Throws {@link
   * CreateStoppedException} when a stop is asked for between buffers.
   */
  public void copy(BlobOpener opener, ContentVerifier verifier, long size, OutputStream sink) throws IOException {
    byte[] buffer = new byte[(int) Math.max(1, Math.min(BUFFER_SIZE, size))];
    retry.execute(() -> attempt(opener, verifier, size, sink, buffer), verifier::count);
    try {
      verifier.verify();
    } catch (DigestMismatchException e) {
      throw new BundleWriteException(e.getMessage() + "; refused, nothing of it is kept", e);
    }
  }

  private Void attempt(BlobOpener opener, ContentVerifier verifier, long size, OutputStream sink, byte[] buffer)
      throws IOException {
    if (verifier.count() >= size) {
      return null;
    }
    try (BlobStream in = opener.open(verifier.count(), size - verifier.count())) {
      while (verifier.count() < size) {
        if (stopRequested.getAsBoolean()) {
          throw new CreateStoppedException();
        }
        int granted = awaitBudget((int) Math.min(buffer.length, size - verifier.count()));
        int n = in.read(buffer, 0, granted);
        budget.refund(granted - Math.max(n, 0));
        if (n <= 0) {
          throw new EOFException(verifier.expected() + " ended after " + verifier.count() + " of " + size + " bytes");
        }
        write(sink, buffer, n, verifier);
        verifier.update(buffer, 0, n);
      }
    }
    return null;
  }

  private int awaitBudget(int bytes) throws InterruptedIOException {
    try {
      int granted = budget.acquire(bytes, stopRequested);
      if (granted == 0) {
        throw new CreateStoppedException();
      }
      return granted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the bandwidth budget");
    }
  }

  private static void write(OutputStream sink, byte[] buffer, int n, ContentVerifier verifier) throws BundleWriteException {
    try {
      sink.write(buffer, 0, n);
    } catch (IOException e) {
      throw new BundleWriteException("could not write " + verifier.expected() + ": " + e.getMessage(), e);
    }
  }
}
