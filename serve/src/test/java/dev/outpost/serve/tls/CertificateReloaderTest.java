package dev.outpost.serve.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reload decisions, driven by {@link CertificateReloader#checkNow()} rather than the clock. */
class CertificateReloaderTest {
  @TempDir
  Path dir;

  private TestPki pki;
  private ServerCredentials first;
  private TlsSettings settings;
  private CertificateReloader reloader;

  @BeforeEach
  void mount() {
    pki = new TestPki(dir);
    first = pki.issue();
    settings = pki.mount(first, Duration.ofHours(1));
    Server server = new Server();
    TlsConnectors.https(server, new HttpConfiguration(), settings);
    reloader = server.getBean(CertificateReloader.class);
  }

  @Test
  void unchangedFilesReloadNothing() {
    assertThat(reloader.checkNow()).isFalse();
    assertThat(reloader.served().serial()).isEqualTo(first.serial());
  }

  @Test
  void aSymlinkSwapIsServed() {
    ServerCredentials second = pki.issue();
    pki.rotate(second);

    assertThat(reloader.checkNow()).isTrue();
    assertThat(reloader.served().serial()).isEqualTo(second.serial());
    assertThat(reloader.checkNow()).isFalse();
  }

  @Test
  void aCertificateWrittenBeforeItsKeyKeepsThePreviousPairUntilTheKeyArrives() throws Exception {
    ServerCredentials second = pki.issue();
    Files.writeString(pki.mountDir().resolve("tls.crt"), PemText.certificates(second.chain())); // in place, through the link

    assertThat(reloader.checkNow()).isFalse();
    assertThat(reloader.served().serial()).isEqualTo(first.serial());

    Files.writeString(pki.mountDir().resolve("tls.key"), PemText.privateKey(second.key()));

    assertThat(reloader.checkNow()).isTrue();
    assertThat(reloader.served().serial()).isEqualTo(second.serial());
  }

  @Test
  void vanishedFilesKeepThePreviousPair() throws Exception {
    Files.delete(pki.mountDir().resolve("tls.key"));

    assertThat(reloader.checkNow()).isFalse();
    assertThat(reloader.served().serial()).isEqualTo(first.serial());
  }
}
