package dev.outpost.serve.tls;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates and private keys with BouncyCastle's parser, which knows every key
 * format a site's tooling writes: PKCS#8 ({@code PRIVATE KEY}: cert-manager, Go), PKCS#1
 * ({@code RSA PRIVATE KEY}: older openssl) and SEC1 ({@code EC PRIVATE KEY}, possibly after an
 * {@code EC PARAMETERS} block). The JDK alone reads only PKCS#8. Keys are turned into JDK key
 * objects through the JDK's own providers; BouncyCastle is not registered as a security provider.
 */
public final class PemFiles {
  private PemFiles() {}

  /** The certificates of {@code file}, in file order; at least one. */
  public static List<X509Certificate> readCertificates(Path file) {
    return certificates(read(file), file.toString());
  }

  /** The one private key of {@code file}. */
  public static PrivateKey readPrivateKey(Path file) {
    return privateKey(read(file), file.toString());
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TlsMaterialException(file + " does not exist");
    } catch (IOException e) {
      throw new TlsMaterialException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static List<X509Certificate> certificates(byte[] pem, String source) {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    for (Object object : objects(pem, source)) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new TlsMaterialException(source + " holds a " + kind(object) + " where only certificates belong");
      }
      try {
        chain.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new TlsMaterialException(source + ": certificate " + (chain.size() + 1) + " is not usable: " + e.getMessage(), e);
      }
    }
    if (chain.isEmpty()) {
      throw new TlsMaterialException(source + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return List.copyOf(chain);
  }

  static PrivateKey privateKey(byte[] pem, String source) {
    List<PrivateKey> keys = new ArrayList<>();
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    for (Object object : objects(pem, source)) {
      try {
        switch (object) {
          case PrivateKeyInfo pkcs8 -> keys.add(converter.getPrivateKey(pkcs8));
          // Only the private half: a SEC1 key may omit its public key (the JDK's own encoding does).
          case PEMKeyPair pkcs1OrSec1 -> keys.add(converter.getPrivateKey(pkcs1OrSec1.getPrivateKeyInfo()));
          // openssl ecparam -genkey writes the curve's name before the key: the key names it too.
          case ASN1ObjectIdentifier curveName -> { }
          case PEMEncryptedKeyPair encrypted -> throw encrypted(source);
          case PKCS8EncryptedPrivateKeyInfo encrypted -> throw encrypted(source);
          default -> throw new TlsMaterialException(source + " holds a " + kind(object) + " where a private key belongs");
        }
      } catch (org.bouncycastle.openssl.PEMException e) {
        throw new TlsMaterialException(source + ": the private key is not usable: " + e.getMessage(), e);
      }
    }
    if (keys.size() != 1) {
      throw new TlsMaterialException(source + " must hold exactly one PEM private key (PKCS#8, PKCS#1 or SEC1), found "
          + keys.size());
    }
    return keys.getFirst();
  }

  private static List<Object> objects(byte[] pem, String source) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle's messages describe the structure, never the key bytes.
      throw new TlsMaterialException(source + " is not valid PEM: " + e.getMessage(), e);
    }
    return objects;
  }

  private static TlsMaterialException encrypted(String source) {
    return new TlsMaterialException(source + " holds an encrypted private key; Outpost needs it unencrypted "
        + "(protect the file with its mode or the Secret instead)");
  }

  private static String kind(Object object) {
    return object.getClass().getSimpleName();
  }
}
