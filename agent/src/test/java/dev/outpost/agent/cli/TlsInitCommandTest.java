package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.serve.tls.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsInitCommandTest {
  @TempDir
  Path dir;

  @Test
  void makesACaAndAServerCertificateWhoseChainVerifiesWithTheNamesAsked() throws Exception {
    Path out = dir.resolve("tls");

    CliRun init = CliRun.of("tls", "init", "--dns", "outpost.factory.example", "--dns", "registry.local",
        "--ip", "10.0.0.5", "--ip", "127.0.0.1", "--out", out.toString());

    assertThat(init.exitCode()).as(init.toString()).isZero();
    List<X509Certificate> chain = PemFiles.readCertificates(out.resolve("tls.crt"));
    X509Certificate ca = PemFiles.readCertificates(out.resolve("ca.crt")).getFirst();
    assertThat(chain).hasSize(2).last().isEqualTo(ca);
    verify(chain.getFirst(), ca);
    assertThat(chain.getFirst().getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
        .containsExactly("outpost.factory.example", "registry.local", "10.0.0.5", "127.0.0.1");
    assertThat(PemFiles.readPrivateKey(out.resolve("tls.key"))).isNotNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("tls.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("ca.key")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("tls.crt")))).isEqualTo("rw-r--r--");
    assertThat(init.stdout())
        .contains("Site CA created: " + out.resolve("ca.crt"))
        .contains("certFile: " + out.resolve("tls.crt"))
        .contains("\"outpost.factory.example:8080\":", "ca_file: /etc/rancher/k3s/outpost-ca.crt")
        .contains("[host.\"https://outpost.factory.example:8080\"]", "ca = \"/etc/containerd/certs.d/")
        .contains("/etc/docker/certs.d/outpost.factory.example:8080/ca.crt")
        .doesNotContain("PRIVATE KEY");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.crt", "ca.key", "tls.crt", "tls.key");
    }
  }

  @Test
  void aSecondRunReusesTheCaAndIssuesANewServerCertificate() throws Exception {
    Path out = dir.resolve("tls");
    CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", out.toString());
    byte[] caBefore = Files.readAllBytes(out.resolve("ca.crt"));
    byte[] caKeyBefore = Files.readAllBytes(out.resolve("ca.key"));
    X509Certificate firstServer = PemFiles.readCertificates(out.resolve("tls.crt")).getFirst();

    CliRun again = CliRun.of("tls", "init", "--ip", "127.0.0.1", "--dns", "outpost.example", "--out", out.toString());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout()).contains("Site CA reused");
    assertThat(Files.readAllBytes(out.resolve("ca.crt"))).isEqualTo(caBefore);
    assertThat(Files.readAllBytes(out.resolve("ca.key"))).isEqualTo(caKeyBefore);
    X509Certificate secondServer = PemFiles.readCertificates(out.resolve("tls.crt")).getFirst();
    assertThat(secondServer.getSerialNumber()).isNotEqualTo(firstServer.getSerialNumber());
    verify(secondServer, PemFiles.readCertificates(out.resolve("ca.crt")).getFirst());
  }

  @Test
  void newCaReplacesTheCa() throws Exception {
    Path out = dir.resolve("tls");
    CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", out.toString());
    byte[] caBefore = Files.readAllBytes(out.resolve("ca.crt"));

    CliRun replaced = CliRun.of("tls", "init", "--ip", "127.0.0.1", "--new-ca", "--out", out.toString());

    assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
    assertThat(Files.readAllBytes(out.resolve("ca.crt"))).isNotEqualTo(caBefore);
    verify(PemFiles.readCertificates(out.resolve("tls.crt")).getFirst(),
        PemFiles.readCertificates(out.resolve("ca.crt")).getFirst());
  }

  @Test
  void badInputIsAUsageErrorThatWritesNothing() throws Exception {
    Path out = dir.resolve("tls");

    CliRun noNames = CliRun.of("tls", "init", "--out", out.toString());
    CliRun hostAsIp = CliRun.of("tls", "init", "--ip", "outpost.example", "--out", out.toString());

    assertThat(noNames.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noNames.stderr()).contains("--dns NAME or --ip ADDR");
    assertThat(hostAsIp.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(hostAsIp.stderr()).contains("--ip 'outpost.example' is not an IPv4 or IPv6 address");
    assertThat(out).doesNotExist();
  }

  @Test
  void aCaCertificateWithoutItsKeyIsNotSilentlyReplaced() throws Exception {
    Path out = dir.resolve("tls");
    CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", out.toString());
    Files.delete(out.resolve("ca.key"));

    CliRun again = CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", out.toString());

    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.stderr()).contains(out.resolve("ca.crt") + " without " + out.resolve("ca.key"), "--new-ca");
  }

  private static void verify(X509Certificate server, X509Certificate ca) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);
  }
}
