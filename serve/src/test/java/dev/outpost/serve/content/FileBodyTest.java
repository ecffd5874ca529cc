package dev.outpost.serve.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pooled-buffer body strategy, over real HTTP, with ranges that cross buffer boundaries. */
class FileBodyTest {
  private static final int SIZE = 3 * 1024 * 1024 + 17;

  @TempDir
  Path directory;
  private Server server;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (var body : new Object[][] {{"1 MiB", FileBody.pooled(1024 * 1024)}, {"odd 4099", FileBody.pooled(4099)},
        {"default", FileBody.DEFAULT}}) {
      for (long[] range : new long[][] {{0, SIZE}, {0, 0}, {1024 * 1024 - 5, 10}, {SIZE - 1, 1}, {17, 2 * 1024 * 1024 + 3}}) {
        cases.add(Arguments.of(body[0], body[1], range[0], range[1]));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} offset={2} length={3}")
  @MethodSource("cases")
  void writesExactlyTheRequestedBytes(String name, FileBody body, long offset, long length) throws Exception {
    byte[] content = new byte[SIZE];
    new Random(3).nextBytes(content);
    Path file = Files.write(directory.resolve("blob"), content);
    int port = start(body, file);
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/?offset=" + offset + "&length=" + length)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) (offset + length)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, FileBody.MAX_BUFFER_BYTES + 1})
  void aBufferSizeOutOfRangeIsRefusedWhenTheBodyIsMade(int bufferBytes) {
    assertThatThrownBy(() -> FileBody.pooled(bufferBytes)).isInstanceOf(IllegalArgumentException.class);
  }

  private int start(FileBody body, Path file) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        long length = Long.parseLong(query.getValue("length"));
        response.getHeaders().put("Content-Length", length);
        body.write(file, Long.parseLong(query.getValue("offset")), length, response, callback);
        return true;
      }
    });
    server.start();
    return connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }
}
