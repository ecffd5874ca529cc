package dev.outpost.store.verify;

import dev.outpost.store.StoreException;
import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.DigestMismatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks files against their digest and size on a fixed number of threads, and hands each result
 * to the caller's thread in the order the files were submitted, so whoever acts on a result (a
 * report, a repair) stays single-threaded and a run's report reads the same whatever the timing.
 *
 * <p>Why threads: one SHA-256 stream cannot be split, and one core hashes (with the CPU's SHA
 * instructions) at about the speed the page cache delivers, so on a machine with two cores one
 * thread leaves half of it idle while a store of many blobs is verified. Memory stays bounded:
 * one read buffer per thread, and at most {@code 2 x threads} files submitted and not yet handed
 * back ({@link #submit} waits for the oldest when that many are pending).
 *
 * <p>Reads are sequential, into a heap buffer small enough ({@value #BUFFER_BYTES} bytes) that
 * the bytes just read are still in the core's cache when hashed: measured here, a 1 MiB buffer
 * hashed slower than a 128 KiB one. Not thread-safe: one submitter.
 */
final class ParallelHasher implements AutoCloseable {
  static final int BUFFER_BYTES = 128 << 10;

  /** A file's check: the bytes hashed and, if the file is not what its digest says, why. */
  record Result(long bytesHashed, Optional<String> problem) {}

  private final ExecutorService threads;
  private final BlockingQueue<byte[]> buffers;
  private final int window;
  private final Deque<Pending> pending = new ArrayDeque<>();

  private record Pending(Future<Result> result, Consumer<Result> handler) {}

  ParallelHasher(int threadCount) {
    if (threadCount < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threadCount);
    }
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(threadCount,
        task -> Thread.ofPlatform().daemon().name("outpost-verify-" + n.incrementAndGet()).unstarted(task));
    this.buffers = new ArrayBlockingQueue<>(threadCount);
    for (int i = 0; i < threadCount; i++) {
      buffers.add(new byte[BUFFER_BYTES]);
    }
    this.window = 2 * threadCount;
  }

  /** The threads verify uses by default: one per core, at most 4 (beyond that the disk is the limit). */
  static int defaultThreads() {
    return Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 4);
  }

  /**
   * Queues a check of {@code file} against {@code digest} and {@code size}; {@code handler} gets
   * the result later, on this thread, from this call, a later one or {@link #finish}. A file that
   * cannot be read (other than missing) fails the run with a {@link StoreException}.
   */
  void submit(Path file, Digest digest, long size, Consumer<Result> handler) {
    while (pending.size() >= window) {
      handOldest();
    }
    pending.add(new Pending(threads.submit(() -> check(file, digest, size)), handler));
  }

  /** Waits for every check submitted and hands back their results, in order. */
  void finish() {
    while (!pending.isEmpty()) {
      handOldest();
    }
  }

  private void handOldest() {
    Pending oldest = pending.removeFirst();
    Result result;
    try {
      result = oldest.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("verify was interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime
          : new StoreException("verify failed: " + e.getCause(), e.getCause());
    }
    oldest.handler().accept(result);
  }

  private Result check(Path file, Digest digest, long size) throws InterruptedException {
    byte[] buffer = buffers.take(); // never waits: there are as many buffers as threads
    try {
      long actual = Files.size(file);
      if (actual != size) {
        return new Result(0, Optional.of("index: " + size + " bytes, file: " + actual));
      }
      return hash(file, ContentVerifier.of(digest, size), buffer);
    } catch (NoSuchFileException e) {
      return new Result(0, Optional.of("no file " + file));
    } catch (IOException e) {
      throw new StoreException("verify blob " + digest + " failed reading " + file + ": " + e, e);
    } finally {
      buffers.add(buffer);
    }
  }

  private static Result hash(Path file, ContentVerifier verifier, byte[] buffer) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      int read;
      while ((read = channel.read(wrapped.clear())) > 0) {
        verifier.update(buffer, 0, read);
      }
      try {
        verifier.verify();
        return new Result(verifier.count(), Optional.empty());
      } catch (DigestMismatchException e) {
        return new Result(verifier.count(), Optional.of(e.getMessage()));
      }
    }
  }

  /** Stops the threads; checks still running finish, their results are dropped. */
  @Override
  public void close() {
    threads.shutdownNow();
  }
}
