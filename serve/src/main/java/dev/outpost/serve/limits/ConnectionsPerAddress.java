package dev.outpost.serve.limits;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;

/**
 * Caps the connections one client address holds open: the connection over the cap is closed as
 * soon as it opens, before it is read, so one client cannot take every thread and file descriptor
 * while others still connect. Jetty's own limits are global ({@code NetworkConnectionLimit}).
 * The table holds only addresses with open connections, so it is bounded by them. Over TLS a
 * socket carries two Jetty connections (TLS, then HTTP); only the TLS one is counted.
 */
public final class ConnectionsPerAddress implements Connection.Listener {
  private final int max;
  private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

  public ConnectionsPerAddress(int max) {
    this.max = max;
  }

  @Override
  public void onOpened(Connection connection) {
    String address = countedAddress(connection);
    if (address != null && open.merge(address, 1, Integer::sum) > max) {
      connection.getEndPoint().close(); // onClosed follows and gives the slot back
    }
  }

  @Override
  public void onClosed(Connection connection) {
    String address = countedAddress(connection);
    if (address != null) {
      open.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }
  }

  /** The peer's IP, or null for a connection that is not the first on its socket. */
  private static String countedAddress(Connection connection) {
    EndPoint endPoint = connection.getEndPoint();
    if (endPoint instanceof SslConnection.SslEndPoint) {
      return null; // the HTTP connection inside TLS: its socket is counted by the SslConnection
    }
    SocketAddress remote = endPoint.getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(remote);
  }
}
