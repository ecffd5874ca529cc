package dev.outpost.sync.registry;

import dev.outpost.sync.auth.RegistryAuthInterceptor;
import dev.outpost.sync.auth.TokenCache;
import dev.outpost.sync.auth.TokenClient;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Puts the layers together for one parent: the plain transport of {@link HttpClients} plus the
 * auth interceptor, which only ever adds credentials for the parent's own origin. It lives above
 * both {@code http} and {@code auth} so that neither needs the other's construction.
 */
final class ParentHttpClient {
  private ParentHttpClient() {}

  /** The authenticated client for {@code parent}: up to {@code maxConnections} pooled connections. */
  static OkHttpClient create(ParentEndpoint parent, int maxConnections, Duration stallTimeout, Clock clock) {
    OkHttpClient base = HttpClients.plain(maxConnections, stallTimeout, parent.transport());
    HttpUrl registry = HttpUrl.get(parent.baseUrl());
    TokenClient tokens = new TokenClient(base, parent.credentials(), clock);
    return base.newBuilder()
        .addInterceptor(new RegistryAuthInterceptor(registry, parent.credentials(), tokens, new TokenCache(clock)))
        .build();
  }
}
