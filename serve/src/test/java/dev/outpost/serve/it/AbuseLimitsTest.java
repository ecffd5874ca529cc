package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.serve.limits.ServeLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-request table's rows about cost, over real sockets, each row from its own loopback
 * address (127.0.0.x: the limits are per client address): the failed-login limiter, the request
 * deadline against slow headers and slow bodies, and the cap on connections per address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbuseLimitsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final int CONNECTIONS = 4;
  private static final ServeLimits LIMITS = new ServeLimits(5, Duration.ofMinutes(1), DEADLINE, CONNECTIONS, 8 * 1024);
  /** How long a slow client keeps trickling: far beyond the deadline, so only the server ends it. */
  private static final int TRICKLE_BYTES = 300;
  private static final Duration TRICKLE_GAP = Duration.ofMillis(100);

  private TestRegistry registry;

  @BeforeAll
  void start(@TempDir Path directory) {
    registry = new TestRegistry(directory, LIMITS);
  }

  @AfterAll
  void stop() {
    registry.close();
  }

  @Test
  void theSixthFailedLoginFromAnAddressIs429AndOtherAddressesAreUnaffected() {
    HttpClient attacker = from("127.0.0.11");
    for (int i = 1; i <= 5; i++) { // five names: only the address's count reaches the limit
      assertThat(token(attacker, Http.basic("guess" + i, "wrong")).statusCode()).as("failure %d", i).isEqualTo(401);
    }

    HttpResponse<byte[]> sixth = token(attacker, TestRegistry.basic("team"));
    assertThat(sixth.statusCode()).as("even with a correct password").isEqualTo(429);
    assertThat(Http.text(sixth)).startsWith("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"");
    assertThat(sixth.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
    assertThat(get(attacker, "/v2/", TestRegistry.basic("team")).statusCode()).as("Basic on the API").isEqualTo(429);
    assertThat(postForm(attacker, "team").statusCode()).as("the OAuth2 form").isEqualTo(429);

    HttpClient neighbour = from("127.0.0.12");
    assertThat(token(neighbour, TestRegistry.basic("team")).statusCode()).isEqualTo(200);
    assertThat(token(attacker, TestRegistry.basic("team")).statusCode())
        .as("a correct password elsewhere clears nothing").isEqualTo(429);
  }

  @Test
  void fiveFailuresForOneNameLockThatNameFromEveryAddress() {
    for (int i = 1; i <= 5; i++) {
      assertThat(token(from("127.0.0." + (20 + i)), Http.basic("pullonly", "wrong")).statusCode()).isEqualTo(401);
    }
    assertThat(token(from("127.0.0.26"), TestRegistry.basic("pullonly")).statusCode()).isEqualTo(429);
    assertThat(token(from("127.0.0.26"), TestRegistry.basic("all")).statusCode()).as("other names").isEqualTo(200);
  }

  @Test
  void slowHeadersAreClosedWhileANormalClientIsServed() throws IOException {
    try (Socket slow = connect("127.0.0.31")) {
      OutputStream out = slow.getOutputStream();
      out.write("GET /v2/ HTTP/1.1\r\nHost: outpost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      assertThat(get(from("127.0.0.32"), "/v2/", TestRegistry.basic("all")).statusCode())
          .as("a normal client meanwhile").isEqualTo(200);
      assertThat(trickleUntilClosed(slow, "a".repeat(TRICKLE_BYTES)))
          .as("the server closed the connection before the trickle ended").isTrue();
    }
  }

  @Test
  void aSlowBodyIsClosed() throws IOException {
    try (Socket slow = connect("127.0.0.33")) {
      String form = "grant_type=password&username=all&password=" + TokenFixtures.PASSWORD + "&pad=" + "a".repeat(TRICKLE_BYTES);
      slow.getOutputStream().write(("POST /oauth2/token HTTP/1.1\r\nHost: outpost\r\n"
          + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(trickleUntilClosed(slow, form)).as("closed before the body was complete").isTrue();
    }
  }

  @Test
  void connectionsOverThePerAddressCapAreClosedAndOtherAddressesConnect() throws IOException {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = connect("127.0.0.41");
        held.add(socket);
        assertThat(exchange(socket)).as("connection %d", i + 1).startsWith("HTTP/1.1 401");
      }
      try (Socket extra = connect("127.0.0.41")) {
        assertThat(exchange(extra)).as("one more from the same address").isEmpty();
      }
      try (Socket other = connect("127.0.0.42")) {
        assertThat(exchange(other)).startsWith("HTTP/1.1 401");
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
  }

  /**
   * Sends {@code text} a byte at a time, a {@link #TRICKLE_GAP} apart, and says whether the server
   * closed the connection before all of it was sent (never a timing assertion: the trickle lasts
   * thirty deadlines, and only the outcome is checked).
   */
  private static boolean trickleUntilClosed(Socket socket, String text) throws IOException {
    socket.setSoTimeout((int) TRICKLE_GAP.toMillis());
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
      try {
        out.write(b);
        out.flush();
        if (in.read() < 0) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        continue;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  /** One {@code GET /v2/} without credentials on {@code socket}; the status line, or "" if the server closed it. */
  private static String exchange(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    try {
      socket.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: outpost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] head = new byte[12];
      int n = socket.getInputStream().readNBytes(head, 0, head.length);
      return new String(head, 0, n, StandardCharsets.US_ASCII);
    } catch (IOException reset) {
      return "";
    }
  }

  private Socket connect(String localAddress) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", registry.server.port()));
    return socket;
  }

  private static HttpClient from(String localAddress) {
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .localAddress(InetAddress.getByName(localAddress)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<byte[]> token(HttpClient client, String authorization) {
    return get(client, "/oauth2/token?service=x&scope=repository:library/hello:pull", authorization);
  }

  private HttpResponse<byte[]> get(HttpClient client, String path, String authorization) {
    return send(client, HttpRequest.newBuilder(uri(path)).header("Authorization", authorization));
  }

  private HttpResponse<byte[]> postForm(HttpClient client, String name) {
    String form = "grant_type=password&service=x&username=" + name + "&password=" + TokenFixtures.PASSWORD;
    return send(client, HttpRequest.newBuilder(uri("/oauth2/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + registry.server.port() + path);
  }

  private static HttpResponse<byte[]> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
