package dev.outpost.sync.registry;

import dev.outpost.sync.source.BlobStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import okhttp3.Response;

/** A {@link BlobStream} over one response, limited to the asked range; a short body is an error. */
final class RangeStream implements BlobStream {
  /**
   * How long a read of what already arrived waits for a byte: bytes in the buffers come at once, and
   * a link still sending is not waited for.
   */
  static final int RECEIVED_PATIENCE_MILLIS = 5;
  /** What may be held above the socket's own buffer: Okio's segments and a TLS record. */
  private static final int HELD_ABOVE_SOCKET = 64 * 1024;

  private final Response response;
  private final BodySocket bodySocket;
  /** Cancels the exchange (OkHttp's {@code Call.cancel}, safe from any thread). */
  private final Runnable cancel;
  private final InputStream in;
  private final String what;
  private final long length;
  private long delivered;
  private IOException pending;
  /** Bytes {@link #readReceived} may still return; set at its first call. */
  private long receivedLeft = -1;

  RangeStream(Response response, BodySocket bodySocket, Runnable cancel, long skip, long length, String what)
      throws IOException {
    this.response = response;
    this.bodySocket = bodySocket;
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

  /**
   * Reads with the socket's timeout cut to {@link #RECEIVED_PATIENCE_MILLIS}, so what sits in the
   * buffers comes at once and the first pause ends it; in all at most what this end's buffers
   * could hold when it was first called, so a fast parent refilling the window as it empties is
   * not chased. The stream is to be closed afterwards: a read timed out in mid-body leaves the
   * connection unusable, and OkHttp does not reuse it.
   */
  @Override
  public int readReceived(byte[] buffer, int offset, int max) throws IOException {
    Optional<Socket> socket = bodySocket.socket();
    if (socket.isEmpty() || socket.get().isClosed() || receivedLeft == 0) {
      return 0;
    }
    try {
      if (receivedLeft < 0) {
        receivedLeft = socket.get().getReceiveBufferSize() + HELD_ABOVE_SOCKET;
        socket.get().setSoTimeout(RECEIVED_PATIENCE_MILLIS);
      }
      int n = read(buffer, offset, (int) Math.min(max, receivedLeft));
      receivedLeft -= n;
      return n;
    } catch (InterruptedIOException | SocketException e) {
      receivedLeft = 0; // nothing more has arrived, or the socket is gone: what came is all there is
      return 0;
    }
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
