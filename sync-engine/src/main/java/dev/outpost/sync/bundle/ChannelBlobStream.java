package dev.outpost.sync.bundle;

import dev.outpost.sync.source.BlobStream;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A blob range read from a file (a directory part, a tar entry, or a blob staged in the store). A
 * file that ends before the range does is {@link DamagedItemException} (an {@link java.io.IOException}
 * like the {@code EOFException} the contract names, but carrying the digest, for the import's report).
 */
final class ChannelBlobStream implements BlobStream {
  private final SeekableByteChannel channel;
  private final Digest digest;
  private final String what;
  private long remaining;

  ChannelBlobStream(SeekableByteChannel channel, long length, Digest digest, String what) {
    this.channel = channel;
    this.remaining = length;
    this.digest = digest;
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
        // A file on disk that ends early will not grow: damage, not a transfer to retry.
        throw new DamagedItemException(digest, what + " ends " + remaining + " bytes early (truncated)");
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
