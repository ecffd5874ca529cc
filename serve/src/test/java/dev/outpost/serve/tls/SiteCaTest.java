package dev.outpost.serve.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteCaTest {
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void theServerChainVerifiesAgainstTheCaAloneWithTheNamesAsked() throws Exception {
    SiteCa ca = SiteCa.create(NOW, Duration.ofDays(3650));

    ServerCredentials server = ca.issueServer(
        new SubjectNames(List.of("Outpost.Factory.example", "*.edge.example"), List.of("10.0.0.5", "fd00::5")), NOW,
        Duration.ofDays(397));

    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(java.util.Date.from(NOW.instant()));
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(server.certificate())), parameters);
    X509Certificate leaf = server.certificate();
    assertThat(leaf.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
        .containsExactly((Object) "outpost.factory.example", "*.edge.example", "10.0.0.5", "fd00:0:0:0:0:0:0:5");
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(ca.certificate().getBasicConstraints()).isZero();
    assertThat(server.chain()).containsExactly(leaf, ca.certificate());
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.instant().plus(Duration.ofDays(397)));
    assertThat(ServerCredentials.belongTogether(server.key(), leaf.getPublicKey())).isTrue();
    assertThat(ServerCredentials.belongTogether(ca.key(), leaf.getPublicKey())).isFalse();
  }

  @Test
  void aServerCertificateNeverOutlivesItsCa() {
    SiteCa ca = SiteCa.create(NOW, Duration.ofDays(30));

    ServerCredentials server = ca.issueServer(new SubjectNames(List.of(), List.of("127.0.0.1")), NOW, Duration.ofDays(397));

    assertThat(server.certificate().getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
  }

  @Test
  void twoCertificatesNeverShareASerial() {
    SiteCa ca = SiteCa.create(NOW, Duration.ofDays(30));
    SubjectNames names = new SubjectNames(List.of("a.example"), List.of());

    assertThat(ca.issueServer(names, NOW, Duration.ofDays(1)).serial())
        .isNotEqualTo(ca.issueServer(names, NOW, Duration.ofDays(1)).serial());
  }

  @Test
  void namesAreCheckedBeforeAnythingIsMade() {
    assertThatThrownBy(() -> new SubjectNames(List.of(), List.of())).hasMessageContaining("--dns NAME or --ip ADDR");
    assertThatThrownBy(() -> new SubjectNames(List.of("bad_name.example"), List.of())).hasMessageContaining("--dns 'bad_name.example'");
    assertThatThrownBy(() -> new SubjectNames(List.of(), List.of("outpost.example"))).hasMessageContaining("--ip 'outpost.example'");
    assertThatThrownBy(() -> new SubjectNames(List.of(), List.of("300.1.1.1"))).hasMessageContaining("--ip '300.1.1.1'");
  }
}
