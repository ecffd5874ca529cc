package dev.outpost.sync.http;

import dev.outpost.sync.auth.RegistryAuthInterceptor;
import dev.outpost.sync.auth.TokenCache;
import dev.outpost.sync.auth.TokenClient;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttp client the sync engine talks to its parent with. Redirects are followed
 * (ACR sends blob GETs to storage with a 307); OkHttp removes {@code Authorization} when a redirect
 * leaves the original scheme/host/port, and the auth interceptor only ever adds credentials for
 * the parent's own origin. Read timeouts are per read, so long blob streams are fine.
 */
public final class HttpClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  static final String USER_AGENT = "outpost-sync/0.1";

  private HttpClients() {}

  /** A client with no auth: the base of the parent client, and what the token client uses. */
  public static OkHttpClient plain(int maxConnections) {
    return new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        .connectionPool(new ConnectionPool(Math.max(2, maxConnections), 5, TimeUnit.MINUTES))
        .followRedirects(true)
        .followSslRedirects(false) // never downgrade https to http on a redirect
        .retryOnConnectionFailure(true)
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", USER_AGENT).build()))
        .build();
  }

  /** The authenticated client for {@code parent}. */
  public static OkHttpClient forParent(ParentEndpoint parent, int maxConnections, Clock clock) {
    OkHttpClient base = plain(maxConnections);
    HttpUrl registry = HttpUrl.get(parent.baseUrl());
    TokenClient tokens = new TokenClient(base, parent.credentials(), clock);
    return base.newBuilder()
        .addInterceptor(new RegistryAuthInterceptor(registry, parent.credentials(), tokens, new TokenCache(clock)))
        .build();
  }
}
