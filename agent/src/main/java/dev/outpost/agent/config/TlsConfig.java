package dev.outpost.agent.config;

import java.nio.file.Path;

/**
 * {@code serve.tls:} the PEM files the registry endpoint serves HTTPS with, re-read when they change
 * (cert-manager renewals, a re-run of {@code outpost tls init}). {@code certFile} holds the server
 * certificate first, then its chain; {@code keyFile} its unencrypted key (PKCS#8, PKCS#1 or SEC1).
 * In the pod these are the {@code kubernetes.io/tls} Secret's {@code tls.crt} and {@code tls.key}.
 */
public record TlsConfig(Path certFile, Path keyFile) {
  public TlsConfig {
    if (certFile == null || keyFile == null) {
      throw new ConfigValueException("serve.tls", "needs both certFile and keyFile (PEM files, "
          + "for example /etc/outpost/tls/tls.crt and /etc/outpost/tls/tls.key)");
    }
  }
}
