package dev.outpost.serve.content;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * Streams a byte range of a read-only file to a response through one pooled direct buffer: read a
 * piece with a positional read, hand it to Jetty, read the next once Jetty has written it
 * (back-pressure). Nothing is memory-mapped, so the process's RSS and its number of mappings do not
 * grow with the number of downloads (a mapping per response lived until a garbage collection: under
 * a rollout, thousands of mappings of one file, each counted in RSS); the buffer goes back to the
 * pool and the file is closed the moment the response completes, successfully or not.
 */
final class PooledFileWriter extends IteratingCallback {
  private final FileChannel channel;
  private final Response response;
  private final Callback completion;
  private final RetainableByteBuffer buffer;
  private final long end;
  private long position;

  private PooledFileWriter(FileChannel channel, RetainableByteBuffer buffer, Response response, long offset,
      long length, Callback completion) {
    this.channel = channel;
    this.buffer = buffer;
    this.response = response;
    this.position = offset;
    this.end = offset + length;
    this.completion = completion;
  }

  /**
   * Writes {@code length} bytes of {@code file} from {@code offset} as the last content of the
   * response, in pieces of at most {@code bufferBytes} taken from {@code pool}, then completes
   * {@code completion}.
   */
  static void write(Path file, long offset, long length, ByteBufferPool pool, int bufferBytes, Response response,
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
    int size = (int) Math.min(bufferBytes, length);
    new PooledFileWriter(channel, pool.acquire(size, true), response, offset, length, completion).iterate();
  }

  @Override
  protected Action process() throws IOException {
    if (position >= end) {
      return Action.SUCCEEDED;
    }
    ByteBuffer piece = buffer.getByteBuffer();
    piece.clear();
    piece.limit((int) Math.min(piece.capacity(), end - position));
    while (piece.hasRemaining()) {
      int read = channel.read(piece, position + piece.position());
      if (read < 0) {
        // The index said the file had these bytes; a shorter file is never padded out.
        throw new EOFException("blob file ended at " + (position + piece.position()) + " of " + end);
      }
    }
    piece.flip();
    position += piece.remaining();
    response.write(position >= end, piece, this);
    return Action.SCHEDULED;
  }

  @Override
  protected void onCompleteSuccess() {
    release();
    completion.succeeded();
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    release();
    completion.failed(cause);
  }

  private void release() {
    buffer.release();
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only channel: nothing was written that a failed close could lose.
    }
  }
}
