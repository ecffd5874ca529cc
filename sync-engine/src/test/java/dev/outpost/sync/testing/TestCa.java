package dev.outpost.sync.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA made in the test (BouncyCastle: certificates are not hand-written) and one server
 * certificate it signed for {@code 127.0.0.1}/{@code localhost}: the server's key store (PKCS12, for
 * WireMock's HTTPS), the same certificate and key as PEM files (for docker-registry's {@code http.tls}),
 * and the CA's PEM file (for {@code parent.caFile}), written under {@code dir}.
 */
public final class TestCa {
  public static final String STORE_PASSWORD = "test-store";
  private final Path caFile;
  private final Path keyStore;
  private final Path serverCertificate;
  private final Path serverKey;

  private TestCa(Path caFile, Path keyStore, Path serverCertificate, Path serverKey) {
    this.caFile = caFile;
    this.keyStore = keyStore;
    this.serverCertificate = serverCertificate;
    this.serverKey = serverKey;
  }

  public static TestCa create(Path dir) {
    try {
      KeyPair caKeys = keys();
      X500Name caName = new X500Name("CN=Outpost test CA");
      Instant now = Instant.now();
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(2))), caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCert = sign(ca, caKeys);
      KeyPair serverKeys = keys();
      X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=127.0.0.1"),
          serverKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      X509Certificate serverCert = sign(server, caKeys);
      Path caFile = Files.writeString(dir.resolve("ca.pem"), pem(caCert));
      Path serverCertificate = Files.writeString(dir.resolve("server.crt"), pem(serverCert) + pem(caCert));
      // PKCS#8 ("PRIVATE KEY"): Go's TLS does not parse BouncyCastle's "EC PRIVATE KEY" encoding.
      Path serverKey = Files.writeString(dir.resolve("server.key"), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", serverKeys.getPrivate(), STORE_PASSWORD.toCharArray(), new Certificate[] {serverCert, caCert});
      Path keyStore = dir.resolve("server.p12");
      try (OutputStream out = Files.newOutputStream(keyStore)) {
        store.store(out, STORE_PASSWORD.toCharArray());
      }
      return new TestCa(caFile, keyStore, serverCertificate, serverKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(object);
    }
    return pem.toString();
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  /** The CA certificate, PEM: what {@code parent.caFile} names. */
  public Path caFile() {
    return caFile;
  }

  /** The server's certificate then the CA's, PEM. */
  public Path serverCertificate() {
    return serverCertificate;
  }

  /** The server's private key, PEM. */
  public Path serverKey() {
    return serverKey;
  }

  /** The server's PKCS12 key store, password {@link #STORE_PASSWORD}. */
  public Path keyStore() {
    return keyStore;
  }
}
