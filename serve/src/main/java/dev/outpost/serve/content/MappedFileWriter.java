package dev.outpost.serve.content;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Streams a byte range of a read-only file to a response without copying it through the heap: each
 * segment of the file is memory-mapped and handed to Jetty, which writes the mapped buffer straight
 * from the page cache to the socket. A segment is mapped only after the previous one was written
 * (Jetty's back-pressure), so one response maps at most one segment at a time whatever the blob
 * size. Mappings are released by the garbage collector; the files are never modified in place, so
 * a mapping cannot see a truncated file.
 */
public final class MappedFileWriter extends IteratingCallback {
  /** Default segment: few map calls, small address-space footprint per response. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
  /** A MappedByteBuffer is indexed by int; stay well below. */
  public static final long MAX_SEGMENT_BYTES = 1024L * 1024 * 1024;

  private final FileChannel channel;
  private final Response response;
  private final Callback completion;
  private final long end;
  private final long segmentBytes;
  private long position;

  private MappedFileWriter(FileChannel channel, Response response, long offset, long length, long segmentBytes,
      Callback completion) {
    this.channel = channel;
    this.segmentBytes = segmentBytes;
    this.response = response;
    this.position = offset;
    this.end = offset + length;
    this.completion = completion;
  }

  /** {@code segmentBytes} if a mapping can have that size; checked once, where a body strategy is made. */
  static long checkedSegment(long segmentBytes) {
    if (segmentBytes <= 0 || segmentBytes > MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException("segment must be 1 byte to 1 GiB, was " + segmentBytes);
    }
    return segmentBytes;
  }

  /**
   * Writes {@code length} bytes of {@code file} from {@code offset} as the last content of the
   * response, in mappings of at most {@code segmentBytes} (a {@link #checkedSegment}), then
   * completes {@code completion}.
   */
  static void write(Path file, long offset, long length, long segmentBytes, Response response,
      Callback completion) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      completion.failed(e);
      return;
    }
    if (length == 0) {
      closeQuietly(channel);
      response.write(true, null, completion);
      return;
    }
    new MappedFileWriter(channel, response, offset, length, segmentBytes, completion).iterate();
  }

  @Override
  protected Action process() throws IOException {
    if (position >= end) {
      return Action.SUCCEEDED;
    }
    long size = Math.min(segmentBytes, end - position);
    MappedByteBuffer segment = channel.map(FileChannel.MapMode.READ_ONLY, position, size);
    position += size;
    response.write(position >= end, segment, this);
    return Action.SCHEDULED;
  }

  @Override
  protected void onCompleteSuccess() {
    closeQuietly(channel);
    completion.succeeded();
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    closeQuietly(channel);
    completion.failed(cause);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only channel: nothing was written that a failed close could lose.
    }
  }
}
