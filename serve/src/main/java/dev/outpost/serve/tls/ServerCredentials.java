package dev.outpost.serve.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain it serves with, the key checked to belong to the first
 * certificate (a half-rotated pair, new certificate with the old key, is refused here rather than
 * failing every handshake).
 */
public record ServerCredentials(PrivateKey key, List<X509Certificate> chain) {
  private static final String ALIAS = "outpost";

  public ServerCredentials {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the chain needs at least the server certificate");
    }
  }

  /** Reads and checks the pair; errors name the file at fault. */
  public static ServerCredentials read(TlsSettings settings) {
    return parse(TlsFileContents.read(settings), settings);
  }

  static ServerCredentials parse(TlsFileContents contents, TlsSettings settings) {
    List<X509Certificate> chain = PemFiles.certificates(contents.cert(), settings.certFile().toString());
    PrivateKey key = PemFiles.privateKey(contents.key(), settings.keyFile().toString());
    if (!belongTogether(key, chain.getFirst().getPublicKey())) {
      throw new TlsMaterialException("the key in " + settings.keyFile() + " does not belong to the first certificate in "
          + settings.certFile() + " (the certificate must come first, then its chain)");
    }
    return new ServerCredentials(key, chain);
  }

  public X509Certificate certificate() {
    return chain.getFirst();
  }

  public BigInteger serial() {
    return certificate().getSerialNumber();
  }

  /** An in-memory key store holding only this pair, protected by {@code password}. */
  public KeyStore toKeyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsMaterialException("cannot hold the key and certificate in a key store: " + e.getMessage(), e);
    }
  }

  /** True when {@code key} signs what {@code publicKey} verifies: the one check that fits every key type. */
  static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new TlsMaterialException("unsupported private key type " + key.getAlgorithm()
          + " (RSA, EC or Ed25519)");
    };
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a certificate for another key type cannot even verify: not this key's
    }
  }

  @Override
  public String toString() {
    return "ServerCredentials[" + certificate().getSubjectX500Principal() + ", serial " + serial().toString(16) + "]";
  }
}
