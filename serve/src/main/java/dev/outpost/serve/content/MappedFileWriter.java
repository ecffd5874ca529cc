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
 * to the socket. Segments are at most {@link #SEGMENT_BYTES} so that the address space held by one
 * response stays small whatever the blob size; a segment is written only after the previous one
 * completed (Jetty's back-pressure), so memory does not grow with the blob.
 */
public final class MappedFileWriter extends IteratingCallback {
  /** The largest mapping held per response at any time. */
  static final long SEGMENT_BYTES = 64L * 1024 * 1024;

  private final FileChannel channel;
  private final Response response;
  private final Callback completion;
  private final long end;
  private long position;

  private MappedFileWriter(FileChannel channel, Response response, long offset, long length, Callback completion) {
    this.channel = channel;
    this.response = response;
    this.position = offset;
    this.end = offset + length;
    this.completion = completion;
  }

  /** Writes {@code length} bytes of {@code file} from {@code offset}, then completes the response. */
  public static void write(Path file, long offset, long length, Response response, Callback completion) {
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
    new MappedFileWriter(channel, response, offset, length, completion).iterate();
  }

  @Override
  protected Action process() throws IOException {
    if (position >= end) {
      return Action.SUCCEEDED;
    }
    long size = Math.min(SEGMENT_BYTES, end - position);
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
