package dev.outpost.sync.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Builds the plain OkHttp client the sync engine talks HTTP with; auth is added above this layer
 * (see {@code dev.outpost.sync.registry.ParentHttpClient}), so transport knows nothing of
 * registries or credentials. Redirects are followed (ACR sends blob GETs to storage with a 307);
 * OkHttp removes {@code Authorization} when a redirect leaves the original scheme/host/port.
 *
 * <p>Timeouts: connecting may take {@link #CONNECT_TIMEOUT}; a response that brings no byte for
 * the stall timeout fails (and is retried from where it stopped), however long it runs while
 * bytes flow. The stall timeout is enforced by the sockets ({@link StallTimeoutSocketFactory}),
 * not by OkHttp's read timeout, whose per-read bookkeeping cost a third of a sync's system CPU
 * (README, Benchmarks); so the client speaks HTTP/1.1 only, one connection per concurrent
 * transfer, as registry clients do.
 */
public final class HttpClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);
  static final String USER_AGENT = "outpost-sync/0.1";

  private HttpClients() {}

  /** A client with no auth, direct, trusting the system's CAs. */
  public static OkHttpClient plain(int maxConnections, Duration stallTimeout) {
    return plain(maxConnections, stallTimeout, Transport.direct());
  }

  /** A client with no auth: the base of the parent client, and what the token client uses. */
  public static OkHttpClient plain(int maxConnections, Duration stallTimeout, Transport transport) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .protocols(List.of(Protocol.HTTP_1_1))
        .socketFactory(new StallTimeoutSocketFactory(stallTimeout, transport.receiveBuffer()))
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(Duration.ZERO) // the sockets time out a stall; see StallTimeoutSocketFactory
        .writeTimeout(WRITE_TIMEOUT)
        .connectionPool(new ConnectionPool(Math.max(2, maxConnections), 5, TimeUnit.MINUTES))
        .followRedirects(true)
        .followSslRedirects(false) // never downgrade https to http on a redirect
        .retryOnConnectionFailure(true)
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", USER_AGENT).build()));
    transport.applyTo(builder);
    return builder.build();
  }
}
