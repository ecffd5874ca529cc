package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() lets a blob download in flight finish before the server stops. */
class GracefulCloseTest {
  private static final int BLOB_BYTES = 32 * 1024 * 1024;

  @Test
  void aDownloadInFlightCompletesAcrossClose(@TempDir Path directory) throws Exception {
    TestRegistry registry = new TestRegistry(directory);
    Image image = new RandomImages(11).ociImage(BLOB_BYTES);
    new Seeder(registry.store).image("library/big", image, "latest");
    byte[] layer = image.layers().get(0);
    Digest digest = Digest.sha256(layer);
    CompletableFuture<Void> closed;
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket socket = new Socket("127.0.0.1", registry.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /v2/library/big/blobs/" + digest + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
          + TestRegistry.basic("all") + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      received.write(in.readNBytes(64 * 1024));
      closed = CompletableFuture.runAsync(registry::close);
      in.transferTo(received);
    }
    closed.join();
    String response = received.toString(StandardCharsets.ISO_8859_1);
    assertThat(response).startsWith("HTTP/1.1 200");
    int bodyStart = response.indexOf("\r\n\r\n") + 4;
    assertThat(received.size() - bodyStart).isEqualTo(layer.length);
  }
}
