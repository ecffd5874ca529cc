package dev.outpost.agent.admin;

import dev.outpost.agent.config.ListenAddress;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The admin HTTP server, on its own (loopback by default) address, apart from the registry port. */
public final class AdminServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  private AdminServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  public static AdminServer start(ListenAddress listen, AdminEndpoints endpoints) {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(listen.host());
    connector.setPort(listen.port());
    server.addConnector(connector);
    server.setHandler(new AdminHandler(endpoints));
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the admin API on " + listen + ": " + e.getMessage(), e);
    }
    return new AdminServer(server, connector);
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the admin API failed", e);
    }
  }
}
