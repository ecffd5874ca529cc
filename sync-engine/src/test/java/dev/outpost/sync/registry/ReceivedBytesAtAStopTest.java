package dev.outpost.sync.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BlobStream#readReceived} over a real socket, plain and TLS (an ACR parent is HTTPS): a
 * parent that sends 40,000 bytes of a 3 MB range at once and then nothing, the connection open. The
 * bytes wait in this end's buffers, none read yet; what a stop then reads must be all of them, at
 * once, and then nothing, without waiting for the silent parent.
 */
class ReceivedBytesAtAStopTest {
  private static final int SENT = 40_000;
  private static final long RANGE = 3_000_000;
  private static final Digest BLOB = Digest.sha256("outpost".getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path work;

  @Test
  @Timeout(30)
  void everyByteAlreadyReceivedOverPlainHttpAndNothingMore() throws Exception {
    try (SilentAfterSending parent = new SilentAfterSending(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))) {
      assertAllReceivedBytesAreRead(ParentEndpoint.fromUrl("http://127.0.0.1:" + parent.port(), null, null), parent);
    }
  }

  @Test
  @Timeout(30)
  void everyByteAlreadyReceivedOverTlsAndNothingMore() throws Exception {
    TestCa ca = TestCa.create(work);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(ca.keyStore().toFile())) {
      keys.load(in, TestCa.STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, TestCa.STORE_PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(managers.getKeyManagers(), null, null);
    try (SilentAfterSending parent = new SilentAfterSending(
        tls.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress()))) {
      ParentEndpoint endpoint = ParentEndpoint.fromUrl("https://127.0.0.1:" + parent.port(), null, null)
          .withTransport(new Transport(TlsTrust.withCaFile(ca.caFile()), EnvironmentProxies.none()));
      assertAllReceivedBytesAreRead(endpoint, parent);
    }
  }

  private static void assertAllReceivedBytesAreRead(ParentEndpoint endpoint, SilentAfterSending parent)
      throws Exception {
    RetryPolicy retry = new RetryPolicy(RetrySettings.once(), Clock.systemUTC());
    try (RegistryClient client = RegistryClient.forParent(endpoint, 2, HttpClients.DEFAULT_STALL_TIMEOUT, retry,
            Clock.systemUTC());
        BlobStream in = client.openBlob(RepositoryName.of("library/hello"), BLOB, 0, RANGE)) {
      assertThat(parent.sent.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // the bytes cross loopback into this end's buffers

      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 20];
      long start = System.nanoTime();
      int n;
      while ((n = in.readReceived(buffer, 0, buffer.length)) > 0) {
        kept.write(buffer, 0, n);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      System.out.printf("%s: kept %d of %d bytes sent, in %d ms%n", endpoint.baseUrl(), kept.size(), SENT,
          took.toMillis());
      assertThat(kept.toByteArray()).isEqualTo(SilentAfterSending.body());
      assertThat(took).as("no wait for the silent parent").isLessThan(Duration.ofSeconds(1));
    }
  }

  /** Answers one blob request with 206, the range's first 40,000 bytes, then silence until closed. */
  private static final class SilentAfterSending implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch sent = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;

    SilentAfterSending(ServerSocket server) {
      this.server = server;
      this.thread = Thread.ofVirtual().start(this::serve);
    }

    static byte[] body() {
      byte[] body = new byte[SENT];
      Arrays.fill(body, (byte) 'x');
      return body;
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      try (Socket socket = server.accept()) {
        readRequestHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nContent-Length: " + RANGE
            + "\r\nContent-Range: bytes 0-" + (RANGE - 1) + "/" + RANGE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body());
        out.flush();
        sent.countDown();
        closed.await();
      } catch (IOException | InterruptedException e) {
        // closed by the test
      }
    }

    private static void readRequestHead(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      int b;
      while (matched < end.length && (b = in.read()) >= 0) {
        matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
      }
    }

    @Override
    public void close() throws Exception {
      closed.countDown();
      server.close();
      thread.join(Duration.ofSeconds(5));
    }
  }
}
