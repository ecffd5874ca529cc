package dev.outpost.sync.http;

import java.util.OptionalInt;

/**
 * How connections to the parent are made, besides timeouts: which TLS certificates are trusted,
 * which proxy (if any) carries them, and the receive buffer of their sockets (empty: the kernel
 * sizes it; see {@link ReceiveWindow}).
 */
public record Transport(TlsTrust tls, EnvironmentProxies proxies, OptionalInt receiveBuffer) {
  public Transport(TlsTrust tls, EnvironmentProxies proxies) {
    this(tls, proxies, OptionalInt.empty());
  }

  /** The system's trust store, no proxy. */
  public static Transport direct() {
    return new Transport(TlsTrust.system(), EnvironmentProxies.none());
  }

  /** The same transport with sockets whose receive buffer is {@code bytes}. */
  public Transport withReceiveBuffer(int bytes) {
    return new Transport(tls, proxies, OptionalInt.of(bytes));
  }

  void applyTo(okhttp3.OkHttpClient.Builder builder) {
    tls.applyTo(builder);
    proxies.applyTo(builder);
  }
}
