package dev.outpost.serve.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the endpoint's certificate and key live, and how often to look for new ones.
 *
 * @param certFile PEM: the server certificate first, then any intermediates (and optionally the root)
 * @param keyFile PEM: the certificate's private key as PKCS#8, PKCS#1 (RSA) or SEC1 (EC), unencrypted
 * @param pollInterval how often the files' contents are compared with what is being served; a
 *     rotation is picked up within one interval
 */
public record TlsSettings(Path certFile, Path keyFile, Duration pollInterval) {
  /**
   * Kubernetes updates a mounted Secret about a minute after it changes, and cert-manager renews a
   * third of the lifetime before expiry: ten seconds is quick enough and costs two small reads.
   */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

  public TlsSettings {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
    }
  }

  public TlsSettings(Path certFile, Path keyFile) {
    this(certFile, keyFile, DEFAULT_POLL_INTERVAL);
  }
}
