package dev.outpost.sync.bundle;

import dev.outpost.sync.source.BlobStream;
import java.io.IOException;

/** Opens bytes {@code [from, from + length)} of one blob: a source's {@code openBlob}, or bytes held in memory (a manifest). */
@FunctionalInterface
public interface BlobOpener {
  BlobStream open(long from, long length) throws IOException;

  /** A blob already in memory (manifest bytes, index.json): small by construction. */
  static BlobOpener of(byte[] bytes) {
    return (from, length) -> new BlobStream() {
      private int position = (int) from;
      private final int end = (int) Math.min(bytes.length, from + length);

      @Override
      public int read(byte[] buffer, int offset, int max) {
        int n = Math.min(max, end - position);
        System.arraycopy(bytes, position, buffer, offset, n);
        position += n;
        return n;
      }

      @Override
      public void close() {
        // nothing held
      }
    };
  }
}
