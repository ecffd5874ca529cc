package dev.outpost.sync.engine;

import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes identical blobs move once per pass however many repositories reference them: the first
 * caller for a digest fetches, later callers wait for its outcome. A failure is forgotten (another
 * repository may try again); a success is remembered for the rest of the pass.
 */
final class InFlightBlobs {
  /** A fetch that may fail with an I/O error. */
  @FunctionalInterface
  interface Fetch {
    void run() throws IOException;
  }

  private final ConcurrentMap<Digest, CompletableFuture<Void>> fetches = new ConcurrentHashMap<>();

  void fetchOnce(Digest digest, Fetch fetch) throws IOException {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> existing = fetches.putIfAbsent(digest, mine);
    if (existing != null) {
      await(existing);
      return;
    }
    try {
      fetch.run();
      mine.complete(null);
    } catch (IOException | RuntimeException | Error e) {
      fetches.remove(digest, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private static void await(CompletableFuture<Void> fetch) throws IOException {
    try {
      fetch.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      if (cause instanceof SyncStoppedException stop) {
        throw stop;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }
}
