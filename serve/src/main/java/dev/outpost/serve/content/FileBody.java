package dev.outpost.serve.content;

import java.nio.file.Path;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How a blob's bytes reach the socket. The strategy must not copy through a heap {@code byte[]},
 * must hold a bounded amount of memory per response whatever the blob size, and must release what
 * it holds when the response completes (not when a garbage collection runs).
 */
@FunctionalInterface
public interface FileBody {
  /** Writes {@code length} bytes of {@code file} from {@code offset} as the whole body, then completes. */
  void write(Path file, long offset, long length, Response response, Callback callback);

  /** Large enough that a 1 GB blob is a few thousand reads, small enough that 256 transfers hold 32 MiB. */
  int DEFAULT_BUFFER_BYTES = 128 * 1024;
  int MAX_BUFFER_BYTES = 16 * 1024 * 1024;

  FileBody DEFAULT = pooled(DEFAULT_BUFFER_BYTES);

  /**
   * Positional reads into one direct buffer per response from the server's buffer pool, written
   * as they are read ({@link PooledFileWriter}); a size outside 1 byte to 16 MiB is refused here,
   * not on each request. The pool keeps buffers up to its own largest size; {@code RegistryServer}
   * sizes its pool for {@link #DEFAULT_BUFFER_BYTES}.
   */
  static FileBody pooled(int bufferBytes) {
    if (bufferBytes <= 0 || bufferBytes > MAX_BUFFER_BYTES) {
      throw new IllegalArgumentException("buffer must be 1 byte to 16 MiB, was " + bufferBytes);
    }
    return (file, offset, length, response, callback) -> PooledFileWriter.write(file, offset, length,
        response.getRequest().getComponents().getByteBufferPool(), bufferBytes, response, callback);
  }
}
