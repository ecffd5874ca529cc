package dev.outpost.serve.content;

import java.nio.file.Path;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How a blob's bytes reach the socket. Neither strategy copies through a heap {@code byte[]}, and
 * both hold a bounded amount of memory per response whatever the blob size.
 *
 * <p>{@link #DEFAULT} is {@link #mapped}: measured with curl on a 256 MiB blob (1, 4 and 8
 * clients), both strategies out-ran the CNCF registry, and mapping used about 15% less server CPU
 * per GiB than Jetty's pooled path source (one copy from the page cache instead of two).
 */
@FunctionalInterface
public interface FileBody {
  /** Buffer size of {@link #pooled}: large enough for few syscalls, small enough to stay in cache. */
  int DEFAULT_BUFFER_BYTES = 256 * 1024;

  /** Writes {@code length} bytes of {@code file} from {@code offset} as the whole body, then completes. */
  void write(Path file, long offset, long length, Response response, Callback callback);

  FileBody DEFAULT = mapped(MappedFileWriter.DEFAULT_SEGMENT_BYTES);

  /** Memory-mapped segments of at most {@code segmentBytes} handed straight to the socket ({@link MappedFileWriter}). */
  static FileBody mapped(long segmentBytes) {
    return (file, offset, length, response, callback) ->
        MappedFileWriter.write(file, offset, length, segmentBytes, response, callback);
  }

  /**
   * Jetty's own path source: the file is read into pooled direct buffers of {@code bufferBytes},
   * each written before the next is read (Jetty's back-pressure).
   */
  static FileBody pooled(int bufferBytes) {
    return (file, offset, length, response, callback) -> {
      ByteBufferPool pool = response.getRequest().getComponents().getByteBufferPool();
      Content.copy(Content.Source.from(new ByteBufferPool.Sized(pool, true, bufferBytes), file, offset, length),
          response, callback);
    };
  }
}
