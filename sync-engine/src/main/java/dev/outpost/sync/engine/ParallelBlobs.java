package dev.outpost.sync.engine;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Fetches the blobs of one image on the pass's bounded blob pool, each digest once per pass
 * across repositories, and waits for all of them. Every task runs to its end (a finished blob is
 * progress for the next pass too, and a bundle part holding some of an image's blobs has them all
 * taken); the first of the worst failures ({@link Failures#worse}), in manifest order, is rethrown.
 * Before the first task, the listener hears every blob the image still needs ({@link
 * SyncListener#blobNeeded}), so progress totals cover the image, not only its blobs begun.
 */
final class ParallelBlobs implements ManifestSync.BlobBatch {
  private final ExecutorService pool;
  private final InFlightBlobs inFlight;
  private final BlobFetcher fetcher;
  private final SyncListener listener;
  private final BooleanSupplier stopRequested;

  ParallelBlobs(ExecutorService pool, InFlightBlobs inFlight, BlobFetcher fetcher, SyncListener listener,
      BooleanSupplier stopRequested) {
    this.pool = pool;
    this.inFlight = inFlight;
    this.fetcher = fetcher;
    this.listener = listener;
    this.stopRequested = stopRequested;
  }

  @Override
  public void fetchAll(RepositoryName repo, List<Descriptor> blobs) throws IOException {
    Map<Digest, Descriptor> unique = new LinkedHashMap<>();
    blobs.forEach(b -> unique.putIfAbsent(b.digest(), b));
    // All of the image's needs first, so status counts the whole image before its first blob ends.
    unique.values().forEach(blob -> fetcher.announce(repo, blob, listener));
    List<Future<?>> tasks = new ArrayList<>();
    for (Descriptor blob : unique.values()) {
      tasks.add(pool.submit(() -> {
        inFlight.fetchOnce(blob.digest(), () -> fetcher.fetch(repo, blob, listener, stopRequested));
        return null;
      }));
    }
    Throwable first = null;
    for (Future<?> task : tasks) {
      first = Failures.worse(first, outcome(task));
    }
    rethrow(first);
  }

  private static Throwable outcome(Future<?> task) {
    try {
      task.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SyncStoppedException();
    }
  }

  private static void rethrow(Throwable failure) throws IOException {
    switch (failure) {
      case null -> { }
      case IOException io -> throw io;
      case RuntimeException re -> throw re;
      case Error err -> throw err;
      default -> throw new IOException(failure.getMessage(), failure);
    }
  }
}
