package dev.outpost.sync.auth;

import dev.outpost.sync.http.Origins;
import dev.outpost.sync.http.UnusableResponseException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Authenticates requests to the parent registry so that request-building code never sees auth.
 *
 * <p>An application interceptor, so it sees each call once, before redirects: credentials are
 * attached only to requests for the registry's own scheme/host/port, and OkHttp drops
 * {@code Authorization} when it follows a redirect to another host (a 307 to blob storage).
 *
 * <p>Flow: once the registry has answered a 401 with a {@code Bearer} challenge, later requests
 * carry a cached token for their scope (fetched up front when missing). On a 401 it reads the
 * challenge: Basic gets the configured credentials, Bearer gets a token from the realm. A 401 to a
 * request that already carried a token (it expired mid-transfer) drops that token, fetches a new
 * one and retries, at most {@value #MAX_REFRESHES} times; after that the 401 is returned. A 401 to
 * Basic credentials has them re-read once ({@link RenewableCredentials}): a password rotated mid-pass
 * is sent once more in place of the old one.
 */
public final class RegistryAuthInterceptor implements Interceptor {
  static final int MAX_REFRESHES = 2;

  private final HttpUrl registry;
  private final RenewableCredentials credentials;
  private final TokenSource tokens;
  private final TokenCache cache;
  private final AtomicReference<Challenge> learnedBearer = new AtomicReference<>();
  private final AtomicBoolean learnedBasic = new AtomicBoolean();

  public RegistryAuthInterceptor(HttpUrl registry, Optional<ParentCredentials> credentials, TokenSource tokens, TokenCache cache) {
    this(registry, RenewableCredentials.fixed(credentials), tokens, cache);
  }

  /** {@code credentials} shared with the token source, so that both see a renewal. */
  public RegistryAuthInterceptor(HttpUrl registry, RenewableCredentials credentials, TokenSource tokens, TokenCache cache) {
    this.registry = registry;
    this.credentials = credentials;
    this.tokens = tokens;
    this.cache = cache;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!Origins.same(request.url(), registry) || request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    if (learnedBasic.get() && credentials.current().isPresent()) {
      return proceedWithBasic(chain, request);
    }
    String scope = Scopes.forPath(request.url().pathSegments());
    Optional<BearerToken> sent = preemptiveToken(scope);
    Response response = chain.proceed(withToken(request, sent));
    for (int refreshes = 0; response.code() == 401; refreshes++) {
      List<Challenge> challenges = WwwAuthenticateParser.parseAll(response.headers("WWW-Authenticate"));
      Optional<Challenge> bearer = challenges.stream().filter(c -> c.isScheme("Bearer")).findFirst();
      if (bearer.isPresent() && !(sent.isPresent() && refreshes >= MAX_REFRESHES)) {
        response.close();
        sent = Optional.of(renewToken(bearer.get(), scope, sent));
        response = chain.proceed(withToken(request, sent));
      } else if (bearer.isEmpty() && refreshes == 0 && offersBasic(challenges)) {
        response.close();
        learnedBasic.set(true);
        return proceedWithBasic(chain, request);
      } else {
        return response; // the 401 stands: the caller's gate reports it
      }
    }
    return response;
  }

  /** Drops the refused token (if one was sent) and fetches a new one for the challenge. */
  private BearerToken renewToken(Challenge bearer, String scope, Optional<BearerToken> refused) throws IOException {
    refused.ifPresent(token -> cache.invalidate(scope, token));
    learnedBearer.set(bearer);
    return fetchToken(bearer, scope);
  }

  /**
   * An {@code https} parent whose challenge names an {@code http} realm would have the credentials
   * (Basic, or whatever a token source sends there) cross the network in clear: refused, every time.
   */
  private void requireNoDowngrade(Challenge bearer) throws InsecureRealmException, UnusableResponseException {
    HttpUrl realm = TokenClient.realmUrl(bearer);
    if (registry.isHttps() && !realm.isHttps()) {
      throw new InsecureRealmException("the parent " + registry.host() + " (https) names the "
          + "token realm " + realm.scheme() + "://" + realm.host() + ":" + realm.port() + realm.encodedPath()
          + " over plain http; credentials are not sent in clear");
    }
  }

  private boolean offersBasic(List<Challenge> challenges) {
    return credentials.current().isPresent() && challenges.stream().anyMatch(c -> c.isScheme("Basic"));
  }

  private Optional<BearerToken> preemptiveToken(String scope) throws IOException {
    Challenge bearer = learnedBearer.get();
    if (bearer == null) {
      return Optional.empty();
    }
    Optional<BearerToken> cached = cache.get(scope);
    return cached.isPresent() ? cached : Optional.of(fetchToken(bearer, scope));
  }

  private BearerToken fetchToken(Challenge bearer, String scope) throws IOException {
    requireNoDowngrade(bearer);
    String asked = bearer.param("scope").filter(s -> scope.isEmpty()).orElse(scope);
    BearerToken token = tokens.fetch(bearer, asked);
    cache.put(scope, token);
    return token;
  }

  /** Sends Basic credentials; a 401 to them has them re-read, and new ones are sent once more. */
  private Response proceedWithBasic(Chain chain, Request request) throws IOException {
    ParentCredentials sent = credentials.current().orElseThrow();
    Response response = chain.proceed(withBasic(request, sent));
    if (response.code() != 401) {
      return response;
    }
    Optional<ParentCredentials> renewed = credentials.renewAfterRejection(sent);
    if (renewed.isEmpty()) {
      return response; // the same credentials: rejected, and the caller's gate reports it
    }
    response.close();
    return chain.proceed(withBasic(request, renewed.get()));
  }

  private static Request withBasic(Request request, ParentCredentials credentials) {
    return request.newBuilder().header("Authorization", credentials.basicHeader()).build();
  }

  private static Request withToken(Request request, Optional<BearerToken> token) {
    return token.map(t -> request.newBuilder().header("Authorization", t.header()).build()).orElse(request);
  }
}
