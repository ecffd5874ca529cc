package dev.outpost.serve.content;

import java.nio.file.Path;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How a blob's bytes reach the socket. The strategy must not copy through a heap {@code byte[]}
 * and must hold a bounded amount of memory per response whatever the blob size.
 */
@FunctionalInterface
public interface FileBody {
  /** Writes {@code length} bytes of {@code file} from {@code offset} as the whole body, then completes. */
  void write(Path file, long offset, long length, Response response, Callback callback);

  FileBody DEFAULT = mapped(MappedFileWriter.DEFAULT_SEGMENT_BYTES);

  /**
   * Memory-mapped segments of at most {@code segmentBytes} handed straight to the socket
   * ({@link MappedFileWriter}); a size no mapping can have is refused here, not on each request.
   */
  static FileBody mapped(long segmentBytes) {
    long segment = MappedFileWriter.checkedSegment(segmentBytes);
    return (file, offset, length, response, callback) ->
        MappedFileWriter.write(file, offset, length, segment, response, callback);
  }
}
