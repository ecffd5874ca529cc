package dev.outpost.sync.registry;

import dev.outpost.sync.auth.RegistryAuthInterceptor;
import dev.outpost.sync.auth.RenewableCredentials;
import dev.outpost.sync.auth.TokenCache;
import dev.outpost.sync.auth.TokenClient;
import dev.outpost.sync.auth.TokenSource;
import dev.outpost.sync.auth.entra.EntraCredentials;
import dev.outpost.sync.auth.entra.EntraIdentity;
import dev.outpost.sync.auth.entra.EntraTokenSource;
import dev.outpost.sync.http.AzureHttpClients;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.link.StopSignal;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Puts the layers together for one parent: the plain transport of {@link HttpClients} plus the
 * auth interceptor, which only ever adds credentials for the parent's own origin. It lives above
 * both {@code http} and {@code auth} so that neither needs the other's construction. The token
 * source is Basic-to-realm ({@link TokenClient}), or Entra ID ({@link EntraTokenSource}) when the
 * parent names an identity; both fetch over the plain client, Azure Identity included.
 */
final class ParentHttpClient {
  private ParentHttpClient() {}

  /** {@link #create(ParentEndpoint, int, Duration, Clock, StopSignal)} with nothing to stop its calls. */
  static OkHttpClient create(ParentEndpoint parent, int maxConnections, Duration stallTimeout, Clock clock) {
    return create(parent, maxConnections, stallTimeout, clock, new StopSignal());
  }

  /**
   * The authenticated client for {@code parent}: up to {@code maxConnections} pooled connections,
   * every call (token requests too) cancelled when {@code stop} fires.
   */
  static OkHttpClient create(ParentEndpoint parent, int maxConnections, Duration stallTimeout, Clock clock,
      StopSignal stop) {
    OkHttpClient base = HttpClients.plain(maxConnections, stallTimeout, parent.transport()).newBuilder()
        .eventListenerFactory(StopListener.over(stop)).build();
    HttpUrl registry = HttpUrl.get(parent.baseUrl());
    // One holder for both: a password re-read after the realm rejected it is the one Basic to the registry sends too.
    RenewableCredentials credentials = new RenewableCredentials(parent.credentials(), parent.credentialReader());
    TokenSource tokens = parent.entra().isPresent() ? entra(parent.entra().get(), base, clock)
        : new TokenClient(base, credentials, clock);
    return base.newBuilder()
        .addInterceptor(new RegistryAuthInterceptor(registry, credentials, tokens, new TokenCache(clock)))
        .addNetworkInterceptor(BodySocket.RECORDER)
        .build();
  }

  private static TokenSource entra(EntraIdentity identity, OkHttpClient base, Clock clock) {
    EntraCredentials.Choice choice = EntraCredentials.choose(identity, AzureHttpClients.over(base));
    return new EntraTokenSource(base, choice.credential(), choice.description(), identity.tenantId(), clock);
  }
}
