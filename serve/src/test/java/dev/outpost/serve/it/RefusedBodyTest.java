package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.fixtures.RawHttpResponses;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A refused write keeps the connection honest, over a raw socket so the timing is ours: a small
 * body that arrives after the headers is drained before the reply, and the connection serves the
 * next request; a large or chunked upload is answered at once with {@code Connection: close} and
 * then closed, never by a silent close that a pooling client would trip over on its next request.
 */
class RefusedBodyTest extends SharedRegistryTest {
  private static final String ALL = TestRegistry.basic("all");
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  @Test
  void aSmallBodySentLateIsDrainedAndTheConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head("PUT /v2/library/hello/manifests/latest", "Content-Length: 2").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The body is drained before the reply goes out: nothing may arrive while it is missing.
      socket.setSoTimeout(200);
      assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      out.write("{}".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawHttpResponses in = new RawHttpResponses(socket);
      List<String> refused = in.head();
      assertThat(refused.get(0)).isEqualTo("HTTP/1.1 405 Method Not Allowed");
      assertThat(refused).noneMatch(line -> line.equalsIgnoreCase("Connection: close"));
      in.body(refused);

      out.write(head("GET /v2/", "Content-Length: 0").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(in.head().get(0)).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void aLargeUploadIsRefusedAtOnceWithConnectionClose() throws Exception {
    assertRefusedAtOnceAndClosed("PATCH /v2/library/hello/blobs/uploads/1234", "Content-Length: " + (100L << 20));
  }

  @Test
  void aChunkedUploadIsRefusedAtOnceWithConnectionClose() throws Exception {
    assertRefusedAtOnceAndClosed("PUT /v2/library/hello/manifests/latest", "Transfer-Encoding: chunked");
  }

  /** Sends only the head of an upload whose body never comes: the reply must not wait for it. */
  private void assertRefusedAtOnceAndClosed(String requestLine, String bodyHeader) throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(requestLine, bodyHeader).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawHttpResponses in = new RawHttpResponses(socket);
      List<String> refused = in.head();
      assertThat(refused.get(0)).isEqualTo("HTTP/1.1 405 Method Not Allowed");
      assertThat(refused).anyMatch(line -> line.equalsIgnoreCase("Connection: close"));
      in.body(refused);
      assertThat(in.closedByServer()).as("the server closes the connection after the reply").isTrue();
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", registry.server.port());
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return socket;
  }



  private static String head(String requestLine, String bodyHeader) {
    return requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + ALL + "\r\n" + bodyHeader + "\r\n\r\n";
  }




}
