package dev.outpost.store.rocks;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Direct buffers of one size, handed back after use and kept (up to {@code maxIdle}) for the next
 * ingest. Thread-safe.
 *
 * <p>Why: a direct buffer's native memory is freed only when the garbage collector finds the
 * buffer unreachable, and with a large heap that can be many passes later. Allocated per ingest,
 * a sync of a few hundred blobs held hundreds of MiB of them (issue 9 measured up to 262 MB of a
 * 402-496 MiB peak RSS). Reused, the native memory is bounded by the buffers in use at once (two per
 * open ingest) plus {@code maxIdle}.
 */
final class DirectBuffers {
  private final int bytes;
  private final BlockingQueue<ByteBuffer> idle;

  DirectBuffers(int bytes, int maxIdle) {
    this.bytes = bytes;
    this.idle = new ArrayBlockingQueue<>(maxIdle);
  }

  /** A cleared buffer of {@link #bytes()} bytes: an idle one if there is one, else a new one. */
  ByteBuffer take() {
    ByteBuffer buffer = idle.poll();
    return buffer == null ? ByteBuffer.allocateDirect(bytes) : buffer.clear();
  }

  /** Hands {@code buffer} back; the caller must not touch it afterwards. Beyond {@code maxIdle} it is left to the collector. */
  void give(ByteBuffer buffer) {
    if (buffer.capacity() != bytes || !buffer.isDirect()) {
      throw new IllegalArgumentException("not a buffer of this pool: " + buffer);
    }
    idle.offer(buffer.clear());
  }

  int bytes() {
    return bytes;
  }

  /** Buffers kept for reuse now (for tests and metrics). */
  int idleCount() {
    return idle.size();
  }
}
