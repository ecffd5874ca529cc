package dev.outpost.sync.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a blob range request. {@link #read} returns at most the bytes of the asked range, so
 * a parent that ignores {@code Range} (answering 200 with the whole blob) is handled here: the
 * bytes before the range are skipped and the stream ends at the range's end.
 */
public interface BlobStream extends AutoCloseable {
  /**
   * Like {@link InputStream#readNBytes(byte[], int, int)}: fills as much as it can, at least one
   * byte while the range has bytes left, and 0 only at its end. A body that ends before the range
   * does throws {@link java.io.EOFException} (after returning the bytes it did bring).
   */
  int read(byte[] buffer, int offset, int length) throws IOException;

  /**
   * Makes a {@link #read} blocked in another thread return or fail promptly, and every later read
   * fail: called from any thread when a stop is requested, so a stop is not held up by a silent or
   * slow link. Bytes a read received before the abort are still returned by it. The default does
   * nothing, for sources whose reads do not wait on a network (files).
   */
  default void abort() {
  }

  /**
   * Reads, without waiting on the link, bytes this end has already received: what the parent sent
   * ahead of the reads into this end's buffers, which closing the stream would throw away. Called
   * on a stop, so the next pass asks for none of them again. Returns 0 when there are none (the
   * default: sources that do not read from a network).
   */
  default int readReceived(byte[] buffer, int offset, int length) throws IOException {
    return 0;
  }

  @Override
  void close();
}
