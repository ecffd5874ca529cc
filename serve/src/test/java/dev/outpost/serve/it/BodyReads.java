package dev.outpost.serve.it;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Reads a response body in parts, for tests that stop a pull midway (to run GC, to rotate the
 * certificate) and then read the rest: the part read so far goes into the running digest.
 */
final class BodyReads {
  private BodyReads() {}

  /** Copies at most {@code limit} bytes (or to the end) into the digest; returns how many. */
  static long intoDigest(InputStream in, MessageDigest sha256, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (total < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
      if (n < 0) {
        break;
      }
      sha256.update(buffer, 0, n);
      total += n;
    }
    return total;
  }
}
