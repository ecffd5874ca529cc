package dev.outpost.sync.bundle;

import dev.outpost.sync.source.BlobStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** A blob range read from a file (a directory part, a tar entry, or a blob staged in the store). */
final class ChannelBlobStream implements BlobStream {
  private final SeekableByteChannel channel;
  private final String what;
  private long remaining;

  ChannelBlobStream(SeekableByteChannel channel, long length, String what) {
    this.channel = channel;
    this.remaining = length;
    this.what = what;
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
        throw new EOFException(what + " ends " + remaining + " bytes early (truncated)");
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
