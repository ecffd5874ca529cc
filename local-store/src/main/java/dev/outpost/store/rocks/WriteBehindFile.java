package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Appends to a file through two direct buffers so that the caller's thread (which also hashes)
 * and the file write overlap: while one buffer is being written by a background task, the caller
 * fills the other. At most one write is in flight, so writes reach the file in order.
 *
 * <p>Why: the kernel's copy into the page cache and sha256 both cost CPU time for every byte;
 * done one after the other on the caller's thread, their times add up. Why direct buffers: a heap buffer
 * handed to a {@link FileChannel} is first copied by the JDK into a temporary direct buffer as
 * large as the write. Both buffers come from the store's {@link DirectBuffers} when the file is
 * opened and go back when it is closed: never allocated per write, and not per file either.
 *
 * <p>A failed background write is reported (as {@link StoreException}) by the next call.
 * Not thread-safe: one appending thread.
 */
final class WriteBehindFile {
  static final int BUFFER_BYTES = 1 << 20;

  private final FileChannel channel;
  private final Path path;
  private final Executor executor;
  private final DirectBuffers buffers;
  private ByteBuffer filling;
  private ByteBuffer spare;
  private boolean closed;
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
  private CompletableFuture<Void> writeback = CompletableFuture.completedFuture(null);

  WriteBehindFile(FileChannel channel, Path path, Executor executor, DirectBuffers buffers) {
    this.channel = channel;
    this.path = path;
    this.executor = executor;
    this.buffers = buffers;
    this.filling = buffers.take();
    this.spare = buffers.take();
  }

  void append(byte[] bytes, int from, int length) {
    int position = from;
    int remaining = length;
    while (remaining > 0) {
      int slice = Math.min(remaining, filling.remaining());
      filling.put(bytes, position, slice);
      position += slice;
      remaining -= slice;
      if (!filling.hasRemaining()) {
        handOff();
      }
    }
  }

  /** Waits for the write in flight, then writes what is staged: afterwards the file has every byte. */
  void drain() {
    join(inFlight, "write", path);
    writeFully(filling);
  }

  /** Fsyncs what {@link #drain()} wrote, waiting for it (and first for an fsync behind). */
  void force(boolean metadata) {
    join(writeback, "fsync", path);
    fsync(metadata);
  }

  /**
   * Starts an fsync of what {@link #drain()} wrote in the background, so the disk works while the
   * caller fetches the next chunk. Waits first for the previous background fsync, which bounds
   * what is not yet on disk to about two chunks and reports its failure here.
   */
  void forceBehind() {
    join(writeback, "fsync", path);
    writeback = CompletableFuture.runAsync(() -> fsync(false), executor);
  }

  /**
   * Waits for the write and the fsync in flight, both even when one of them failed, and closes the
   * file: nothing runs on the channel once this returns. Their failures no longer matter: what was
   * not written or synced is beyond the last checkpoint and will be dropped. The buffers go back
   * to the pool only then, when no write can still read them. A second call does nothing.
   */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    CompletableFuture.allOf(inFlight, writeback).handle((done, failure) -> null).join();
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to save: durable progress was recorded at the last checkpoint.
    } finally {
      buffers.give(filling);
      buffers.give(spare);
    }
  }

  /** Swaps the full buffer with the spare one (once the spare's write is done) and writes it behind. */
  private void handOff() {
    join(inFlight, "write", path);
    ByteBuffer full = filling;
    filling = spare;
    spare = full;
    inFlight = CompletableFuture.runAsync(() -> writeFully(full), executor);
  }

  /** Waits for a background {@code operation} ("write", "fsync") and rethrows its failure. */
  private static void join(CompletableFuture<Void> task, String operation, Path path) {
    try {
      task.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(operation + " " + path + " failed: " + e.getCause(), e.getCause());
    }
  }

  private void fsync(boolean metadata) {
    try {
      channel.force(metadata);
    } catch (IOException e) {
      throw new StoreException("fsync " + path + " failed: " + e, e);
    }
  }

  private void writeFully(ByteBuffer buffer) {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException e) {
      throw new StoreException("write " + path + " failed: " + e, e);
    } finally {
      buffer.clear();
    }
  }
}
