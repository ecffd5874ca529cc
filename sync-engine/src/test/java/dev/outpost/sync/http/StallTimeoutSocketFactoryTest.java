package dev.outpost.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** "No timeout" on these sockets means the stall timeout, also under TLS; real sockets on loopback. */
@Timeout(30)
class StallTimeoutSocketFactoryTest {
  private final StallTimeoutSocketFactory factory = new StallTimeoutSocketFactory(Duration.ofMillis(300));

  @Test
  void noTimeoutMeansTheStallTimeoutAndAnExplicitOneIsKept() throws Exception {
    try (Socket socket = factory.createSocket()) {
      assertThat(socket.getSoTimeout()).isEqualTo(300);
      socket.setSoTimeout(0);
      assertThat(socket.getSoTimeout()).isEqualTo(300);
      socket.setSoTimeout(5000);
      assertThat(socket.getSoTimeout()).isEqualTo(5000);
    }
  }

  @Test
  void aReadFromAPeerThatSendsNothingTimesOut() throws Exception {
    try (ServerSocket quiet = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = factory.createSocket(InetAddress.getLoopbackAddress(), quiet.getLocalPort());
        Socket accepted = quiet.accept()) {
      socket.setSoTimeout(0); // what OkHttp asks for with its own read timeout off
      InputStream in = socket.getInputStream();

      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void tlsLayeredOverTheSocketForwardsItsTimeoutToIt() throws Exception {
    try (ServerSocket quiet = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket raw = factory.createSocket(InetAddress.getLoopbackAddress(), quiet.getLocalPort());
        Socket accepted = quiet.accept();
        SSLSocket tls = (SSLSocket) SSLContext.getDefault().getSocketFactory()
            .createSocket(raw, "127.0.0.1", quiet.getLocalPort(), true)) {
      tls.setSoTimeout(1234);
      assertThat(raw.getSoTimeout()).isEqualTo(1234);

      tls.setSoTimeout(0);
      assertThat(raw.getSoTimeout()).isEqualTo(300);
    }
  }

  @Test
  void aStallTimeoutMustBePositive() {
    assertThatThrownBy(() -> new StallTimeoutSocketFactory(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
