package dev.outpost.agent.config;

/**
 * A {@code host:port} to listen on. {@code :8080} means every interface; IPv6 hosts are written in
 * brackets ({@code [::1]:8080}). Port 0 asks the OS for a free port (tests).
 */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
  }

  public static ListenAddress parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + value + "' is not host:port (for example 127.0.0.1:8080)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' has no numeric port (for example 127.0.0.1:8080)");
    }
    return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
  }

  /** A host:port for building URLs to this address, with loopback standing in for "any". */
  public String connectAuthority() {
    String connectHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return (connectHost.contains(":") ? "[" + connectHost + "]" : connectHost) + ":" + port;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
