package dev.outpost.serve.tls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A site's own certificate authority, for sites without a PKI: it issues server certificates that
 * every client verifies against the CA certificate it was given once. Keys are ECDSA P-256 (every
 * registry client, Go's and Java's alike, accepts them); certificates carry the extensions clients
 * check: SANs (Go ignores the common name), basic constraints, key usage, server-auth EKU, key
 * identifiers. Certificates are built with BouncyCastle, the JDK has no public API for it.
 *
 * @param certificate the self-signed CA certificate (what clients trust)
 * @param key its private key
 */
public record SiteCa(X509Certificate certificate, PrivateKey key) {
  /** Clocks at a site drift; a certificate valid from an hour ago is not refused by a slow client. */
  private static final Duration BACKDATE = Duration.ofHours(1);
  private static final String SIGNATURE = "SHA256withECDSA";

  /** A new CA named {@code Outpost site CA <date> <random>}, so two sites' CAs never share a name. */
  public static SiteCa create(Clock clock, Duration validity) {
    KeyPair keys = newKeyPair();
    Instant now = clock.instant();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Outpost")
        .addRDN(BCStyle.CN, "Outpost site CA " + now.toString().substring(0, 10) + " " + HexFormat.of().formatHex(random(4)))
        .build();
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), name, keys.getPublic())
          // Path length 0: this CA signs server certificates only, never another CA.
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
      return new SiteCa(sign(builder, keys.getPrivate()), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the site CA: " + e.getMessage(), e);
    }
  }

  /**
   * The CA kept from an earlier {@code outpost tls init}: its certificate must be a CA certificate
   * and the key must be its key.
   */
  public static SiteCa read(Path certFile, Path keyFile) {
    List<X509Certificate> certificates = PemFiles.readCertificates(certFile);
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    X509Certificate certificate = certificates.getFirst();
    if (certificate.getBasicConstraints() < 0) {
      throw new TlsMaterialException(certFile + " is not a CA certificate (no basicConstraints CA:true)");
    }
    if (!ServerCredentials.belongTogether(key, certificate.getPublicKey())) {
      throw new TlsMaterialException("the key in " + keyFile + " does not belong to the CA certificate in " + certFile);
    }
    return new SiteCa(certificate, key);
  }

  /** True when the CA is still valid at {@code instant}. */
  public boolean validAt(Instant instant) {
    return !instant.isBefore(certificate.getNotBefore().toInstant()) && instant.isBefore(certificate.getNotAfter().toInstant());
  }

  /**
   * A new server key and certificate for {@code names}, signed by this CA; its chain is the server
   * certificate then this CA's, as {@code tls.crt} holds them.
   */
  public ServerCredentials issueServer(SubjectNames names, Clock clock, Duration validity) {
    KeyPair keys = newKeyPair();
    Instant now = clock.instant();
    Instant notAfter = now.plus(validity);
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      notAfter = certificate.getNotAfter().toInstant(); // a certificate outliving its CA fails then anyway
    }
    List<GeneralName> sans = new ArrayList<>();
    names.dns().forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
    names.ips().forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Outpost")
        .addRDN(BCStyle.CN, names.primary()).build();
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
          Date.from(now.minus(BACKDATE)), Date.from(notAfter), subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)))
          .addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(certificate));
      return new ServerCredentials(keys.getPrivate(), List.of(sign(builder, key), certificate));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue the server certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has P-256 keys", e);
    }
  }

  /** 127 random bits, positive: unique without a counter to keep (RFC 5280 allows up to 20 octets). */
  private static BigInteger serial() {
    return new BigInteger(1, random(16)).clearBit(127).setBit(126);
  }

  private static byte[] random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return value;
  }

  @Override
  public String toString() {
    return "SiteCa[" + certificate.getSubjectX500Principal() + "]";
  }
}
