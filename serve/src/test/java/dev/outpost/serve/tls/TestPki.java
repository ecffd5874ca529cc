package dev.outpost.serve.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A site CA for tests and a certificate mount laid out the way the kubelet lays out a Secret volume:
 * {@code tls.crt -> ..data/tls.crt}, {@code ..data -> ..<generation>/}, and a rotation that swaps
 * {@code ..data} by one atomic rename, so the served files' own paths never change.
 */
public final class TestPki {
  private final SiteCa ca = SiteCa.create(Clock.systemUTC(), Duration.ofDays(30));
  private final Path mount;
  private final Path trust;
  private int generation;

  /** Mounts under {@code root/mount}; the CA certificate alone is {@code root/trust/ca.crt}. */
  public TestPki(Path root) {
    this.mount = root.resolve("mount");
    this.trust = root.resolve("trust");
    try {
      Files.createDirectories(mount);
      Files.createDirectories(trust);
      Files.writeString(trust.resolve("ca.crt"), PemText.certificates(List.of(ca.certificate())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public SiteCa ca() {
    return ca;
  }

  /** A server certificate for 127.0.0.1 and localhost, chain included. */
  public ServerCredentials issue() {
    return ca.issueServer(new SubjectNames(List.of("localhost"), List.of("127.0.0.1")), Clock.systemUTC(),
        Duration.ofDays(1));
  }

  /**
   * The CA certificate file ({@code ca.crt}), alone in its folder: that folder is what
   * {@code --cert-dir} options want (they take every {@code *.crt} there as a root).
   */
  public Path caFile() {
    return trust.resolve("ca.crt");
  }

  /** The mounted {@code tls.crt} / {@code tls.key} folder (what a kubelet would mount). */
  public Path mountDir() {
    return mount;
  }

  /** Mounts {@code credentials} and returns settings polling every {@code poll}. */
  public TlsSettings mount(ServerCredentials credentials, Duration poll) {
    rotate(credentials);
    try {
      Files.createSymbolicLink(mount.resolve("tls.crt"), Path.of("..data/tls.crt"));
      Files.createSymbolicLink(mount.resolve("tls.key"), Path.of("..data/tls.key"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TlsSettings(mount.resolve("tls.crt"), mount.resolve("tls.key"), poll);
  }

  /** Swaps the mounted pair for {@code credentials} as the kubelet does: one rename of {@code ..data}. */
  public void rotate(ServerCredentials credentials) {
    try {
      Path next = Files.createDirectory(mount.resolve("..gen" + ++generation));
      Files.writeString(next.resolve("tls.crt"), PemText.certificates(credentials.chain()));
      Files.writeString(next.resolve("tls.key"), PemText.privateKey(credentials.key()));
      Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of(next.getFileName().toString()));
      Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client context that trusts this CA and nothing else. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("site-ca", ca.certificate());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The serial of the certificate a new connection to {@code port} is shown, verified against the CA. */
  public BigInteger servedSerial(int port) {
    try (SSLSocket socket = (SSLSocket) clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the name must match too, as for real clients
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
