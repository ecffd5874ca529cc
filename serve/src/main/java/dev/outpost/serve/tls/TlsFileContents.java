package dev.outpost.serve.tls;

import java.security.MessageDigest;

/**
 * The bytes of the certificate and key files as read at one moment, so the same bytes are both
 * compared with what is served and parsed (a rotation between two reads cannot mix them up).
 */
record TlsFileContents(byte[] cert, byte[] key) {
  static TlsFileContents read(TlsSettings settings) {
    return new TlsFileContents(PemFiles.read(settings.certFile()), PemFiles.read(settings.keyFile()));
  }

  /** A digest of both files; equal digests mean nothing changed, whatever the files' times say. */
  byte[] fingerprint() {
    MessageDigest sha256 = sha256();
    sha256.update(sha256().digest(cert));
    sha256.update(sha256().digest(key));
    return sha256.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "TlsFileContents[" + cert.length + " + " + key.length + " bytes]"; // never the key itself
  }
}
