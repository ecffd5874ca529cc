package dev.outpost.sync.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.OptionalInt;
import javax.net.SocketFactory;

/**
 * Sockets whose reads give up after a stall timeout, enforced by the JDK's socket read itself.
 *
 * <p>Why not OkHttp's read timeout: OkHttp enforces it with okio's watchdog thread, and every read
 * (at most 8 KiB) registers with that thread and deregisters after, a lock handoff and a futex
 * wake-up each time, 32768 of each for a 256 MiB blob. Moving the timeout into the sockets took a
 * third off the system CPU of a sync (README, Benchmarks). So the sync client runs OkHttp with its
 * read timeout off, which makes OkHttp ask its sockets for no timeout ({@code setSoTimeout(0)}); these
 * sockets read that request as "time out after the stall timeout". The JDK arms a timer only when
 * a read would block, so a flowing stream pays nothing. An explicit non-zero timeout is kept.
 *
 * <p>TLS is layered over these sockets and forwards its timeout to them, so https parents get the
 * same behaviour. HTTP/2 must not be used with them: its reader thread blocks on idle connections
 * on purpose, with timeout 0 (the client speaks HTTP/1.1 only; see {@link HttpClients}).
 *
 * <p>A receive buffer, when given, is set before the socket connects, as TCP requires for the
 * window it announces (see {@link ReceiveWindow} for why a capped sync sets one).
 */
final class StallTimeoutSocketFactory extends SocketFactory {
  private final int stallMillis;
  private final OptionalInt receiveBuffer;

  StallTimeoutSocketFactory(Duration stallTimeout) {
    this(stallTimeout, OptionalInt.empty());
  }

  StallTimeoutSocketFactory(Duration stallTimeout, OptionalInt receiveBuffer) {
    if (stallTimeout.isNegative() || stallTimeout.isZero() || stallTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the stall timeout must be positive, not " + stallTimeout);
    }
    this.stallMillis = (int) stallTimeout.toMillis();
    this.receiveBuffer = receiveBuffer;
  }

  @Override
  public Socket createSocket() throws SocketException {
    Socket socket = new StallTimeoutSocket(stallMillis);
    if (receiveBuffer.isPresent()) {
      socket.setReceiveBufferSize(receiveBuffer.getAsInt());
    }
    return socket;
  }

  // The connected variants exist for SocketFactory's contract; OkHttp uses createSocket() only.
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return createSocket(InetAddress.getByName(host), port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
    return createSocket(InetAddress.getByName(host), port, localAddress, localPort);
  }

  @Override
  public Socket createSocket(InetAddress address, int port) throws IOException {
    return connected(new InetSocketAddress(address, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress... local) throws IOException {
    Socket socket = createSocket();
    try {
      if (local.length > 0) {
        socket.bind(local[0]);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** A socket on which "no timeout" means the stall timeout. */
  static final class StallTimeoutSocket extends Socket {
    private final int stallMillis;

    StallTimeoutSocket(int stallMillis) throws SocketException {
      this.stallMillis = stallMillis;
      super.setSoTimeout(stallMillis);
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
      super.setSoTimeout(timeout == 0 ? stallMillis : timeout);
    }
  }
}
