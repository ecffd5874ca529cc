package dev.outpost.sync.registry;

import dev.outpost.sync.source.BlobStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Response;

/** A {@link BlobStream} over one response, limited to the asked range; a short body is an error. */
final class RangeStream implements BlobStream {
  private final Response response;
  /** Cancels the exchange (OkHttp's {@code Call.cancel}, safe from any thread). */
  private final Runnable cancel;
  private final InputStream in;
  private final String what;
  private final long length;
  private long delivered;
  private IOException pending;

  RangeStream(Response response, Runnable cancel, long skip, long length, String what) throws IOException {
    this.response = response;
    this.cancel = cancel;
    this.in = response.body().byteStream();
    this.length = length;
    this.what = what;
    skipExactly(skip);
  }

  private void skipExactly(long skip) throws IOException {
    try {
      in.skipNBytes(skip);
    } catch (EOFException e) {
      close();
      throw new EOFException(what + ": the parent ignored Range and sent fewer than " + skip + " bytes");
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int max) throws IOException {
    int want = (int) Math.min(max, length - delivered);
    if (want == 0) {
      return 0;
    }
    int n = fill(buffer, offset, want);
    if (n == 0) {
      // Bytes before a truncation were returned by the previous read and are kept by the caller.
      throw new EOFException(what + ": the body ended after " + delivered + " of " + length + " bytes");
    }
    delivered += n;
    return n;
  }

  /**
   * Fills up to {@code want} bytes, like {@code readNBytes} (1 MiB reads, not OkHttp's 8 KiB
   * segments), but keeps the bytes read before a failure: they are returned now and the failure is
   * thrown by the next call, so a truncated body costs only what was not received.
   */
  private int fill(byte[] buffer, int offset, int want) throws IOException {
    if (pending != null) {
      IOException e = pending;
      pending = null;
      throw e;
    }
    int total = 0;
    try {
      while (total < want) {
        int n = in.read(buffer, offset + total, want - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (IOException e) {
      if (total == 0) {
        throw e;
      }
      pending = e;
    }
    return total;
  }

  /** Cancels the call: OkHttp closes its socket, so a read blocked on it fails at once. */
  @Override
  public void abort() {
    cancel.run();
  }

  @Override
  public void close() {
    response.close();
  }
}
