package dev.outpost.sync.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.function.LongFunction;

/**
 * The next {@code length} bytes of a file channel (a blob in a store, a bundle part's file, a tar
 * entry), as a {@link BlobStream}. A file that ends first does not grow: the bytes it had are
 * returned, and the next read throws what {@code endedEarly} makes of the bytes missing (each
 * source says it its own way: an {@link java.io.EOFException}, or damage to report for a bundle).
 */
public final class ChannelRange implements BlobStream {
  private final SeekableByteChannel channel;
  private final LongFunction<IOException> endedEarly;
  private long remaining;

  public ChannelRange(SeekableByteChannel channel, long length, LongFunction<IOException> endedEarly) {
    this.channel = channel;
    this.remaining = length;
    this.endedEarly = endedEarly;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int want = (int) Math.min(length, remaining);
    ByteBuffer into = ByteBuffer.wrap(buffer, offset, want);
    while (into.hasRemaining()) {
      if (channel.read(into) < 0) {
        int got = want - into.remaining();
        if (got > 0) {
          remaining -= got;
          return got;
        }
        throw endedEarly.apply(remaining);
      }
    }
    remaining -= want;
    return want;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
