package dev.outpost.agent.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ListenAddress;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.tokens.StoreTokenAdmin;
import dev.outpost.store.LocalStore;
import dev.outpost.fixtures.RawHttpResponses;
import dev.outpost.store.rocks.RocksLocalStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API's replies over a raw socket, so that what Jetty does with the connection shows. */
class AdminServerTest {
  @TempDir
  Path dir;
  LocalStore store;
  AdminServer server;

  @BeforeEach
  void start() {
    store = RocksLocalStore.open(dir);
    server = AdminServer.start(new ListenAddress("127.0.0.1", 0), new AdminEndpoints(
        () -> new StatusReport(List.of()), () -> true, Optional.empty(), () -> "", new StoreTokenAdmin(store), AdminSecret.generate()));
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void aRefusedTokenCreationDrainsItsBodyAndTheConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      RawHttpResponses in = new RawHttpResponses(socket);
      String body = "{\"name\":\"t\",\"repositories\":[\"team/*\"]}";
      out.write(("POST /tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200); // the body arrives after the handler has decided to refuse
      out.write(body.getBytes(StandardCharsets.US_ASCII));
      out.flush();

      List<String> refused = in.head();
      assertThat(refused.get(0)).isEqualTo("HTTP/1.1 401 Unauthorized");
      assertThat(refused).noneMatch(line -> line.equalsIgnoreCase("Connection: close"));
      assertThat(in.body(refused)).isEqualTo("{\"error\":\"this admin endpoint needs the admin secret (Authorization: Bearer, from <storage>/admin.json)\"}\n");

      out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      List<String> health = in.head();
      assertThat(health.get(0)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(in.body(health)).isEqualTo("ok\n");
    }
  }

  @Test
  void jsonRepliesDeclareTheirLength() throws Exception {
    try (Socket socket = connect()) {
      socket.getOutputStream().write("GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttpResponses in = new RawHttpResponses(socket);

      List<String> head = in.head();
      assertThat(head).contains("Content-Type: application/json").anyMatch(line -> line.startsWith("Content-Length: "));
      assertThat(in.body(head)).isEqualTo("{\"repositories\":[]}\n");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    return socket;
  }






}
