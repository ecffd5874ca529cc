package dev.outpost.sync.http;

/**
 * How connections to the parent are made, besides timeouts: which TLS certificates are trusted and
 * which proxy (if any) carries them.
 */
public record Transport(TlsTrust tls, EnvironmentProxies proxies) {
  /** The system's trust store, no proxy. */
  public static Transport direct() {
    return new Transport(TlsTrust.system(), EnvironmentProxies.none());
  }

  void applyTo(okhttp3.OkHttpClient.Builder builder) {
    tls.applyTo(builder);
    proxies.applyTo(builder);
  }
}
