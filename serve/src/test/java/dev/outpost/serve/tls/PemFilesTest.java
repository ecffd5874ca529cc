package dev.outpost.serve.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.fixtures.RealClients;
import dev.outpost.fixtures.ToolRun;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemFilesTest {
  @TempDir
  Path dir;

  /** Keys as openssl writes them (an independent writer): each format a site's tooling produces. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      PKCS#8 RSA                    | genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | BEGIN PRIVATE KEY
      PKCS#1 RSA                    | genrsa -traditional 2048                             | BEGIN RSA PRIVATE KEY
      PKCS#8 EC                     | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | BEGIN PRIVATE KEY
      SEC1 EC                       | ecparam -genkey -name prime256v1 -noout              | BEGIN EC PRIVATE KEY
      SEC1 EC after EC PARAMETERS   | ecparam -genkey -name prime256v1                     | BEGIN EC PARAMETERS
      """)
  void readsEveryKeyFormatSitesUse(String format, String opensslArgs, String expectedHeader) throws Exception {
    Path openssl = RealClients.require("openssl");
    Path keyFile = dir.resolve("tls.key");
    List<String> words = List.of(opensslArgs.split(" "));
    List<String> generate = new ArrayList<>(List.of(openssl.toString(), words.getFirst(), "-out", keyFile.toString()));
    generate.addAll(words.subList(1, words.size())); // genrsa wants its bit count last
    ToolRun.run(Duration.ofMinutes(1), generate).orThrow();
    String publicPem = ToolRun.run(Duration.ofMinutes(1),
        List.of(openssl.toString(), "pkey", "-in", keyFile.toString(), "-pubout")).orThrow().stdout();
    assertThat(Files.readString(keyFile)).startsWith("-----" + expectedHeader);

    PrivateKey read = PemFiles.readPrivateKey(keyFile);

    assertThat(ServerCredentials.belongTogether(read, publicKey(publicPem, read.getAlgorithm()))).isTrue();
  }

  @Test
  void readsTheWholeChainInFileOrder() throws Exception {
    SiteCa ca = SiteCa.create(Clock.systemUTC(), Duration.ofDays(1));
    ServerCredentials server = ca.issueServer(new SubjectNames(List.of("outpost.example"), List.of()),
        Clock.systemUTC(), Duration.ofDays(1));

    Path file = Files.writeString(dir.resolve("tls.crt"), PemText.certificates(server.chain()));

    assertThat(PemFiles.readCertificates(file)).containsExactlyElementsOf(server.chain());
  }

  @Test
  void aKeyThatIsNotTheFirstCertificatesIsRefusedNamingBothFiles() throws Exception {
    SiteCa ca = SiteCa.create(Clock.systemUTC(), Duration.ofDays(1));
    ServerCredentials server = ca.issueServer(new SubjectNames(List.of("outpost.example"), List.of()),
        Clock.systemUTC(), Duration.ofDays(1));
    Path cert = Files.writeString(dir.resolve("tls.crt"), PemText.certificates(List.of(ca.certificate(), server.certificate())));
    Path key = Files.writeString(dir.resolve("tls.key"), PemText.privateKey(server.key()));

    assertThatThrownBy(() -> ServerCredentials.read(new TlsSettings(cert, key)))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining(key.toString()).hasMessageContaining(cert.toString()).hasMessageContaining("does not belong");
  }

  @Test
  void unusableFilesAreRefusedNamingTheFileAndNeverQuotingTheKey() throws Exception {
    KeyPair pair = ec();
    String keyPem = pkcs8(pair.getPrivate());
    Path notPem = Files.writeString(dir.resolve("garbage.crt"), "hello\n");
    Path keyAsCert = Files.writeString(dir.resolve("key-as.crt"), keyPem);
    Path twoKeys = Files.writeString(dir.resolve("two.key"), keyPem + pkcs8(ec().getPrivate()));
    Path encrypted = Files.writeString(dir.resolve("enc.key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(new byte[64]) + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
    String keyBody = keyPem.lines().skip(1).findFirst().orElseThrow();

    assertThatThrownBy(() -> PemFiles.readCertificates(notPem)).hasMessageContaining(notPem + " holds no PEM certificate");
    assertThatThrownBy(() -> PemFiles.readCertificates(keyAsCert)).hasMessageContaining(keyAsCert.toString())
        .hasMessageNotContaining(keyBody);
    assertThatThrownBy(() -> PemFiles.readPrivateKey(twoKeys)).hasMessageContaining(twoKeys + " must hold exactly one");
    assertThatThrownBy(() -> PemFiles.readPrivateKey(encrypted)).hasMessageContaining(encrypted.toString());
    assertThatThrownBy(() -> PemFiles.readPrivateKey(dir.resolve("missing.key"))).hasMessageContaining("does not exist");
  }

  private static String pkcs8(PrivateKey key) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    }
    return out.toString();
  }

  private static PublicKey publicKey(String pem, String algorithm) throws Exception {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
