package dev.outpost.sync.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bearer tokens per scope ({@code repository:library/hello:pull}, {@code registry:catalog:*}),
 * dropped a little before they expire so that a token is not sent in its last seconds.
 */
public final class TokenCache {
  static final Duration LEEWAY = Duration.ofSeconds(5);
  private final ConcurrentMap<String, BearerToken> byScope = new ConcurrentHashMap<>();
  private final Clock clock;

  public TokenCache(Clock clock) {
    this.clock = clock;
  }

  public Optional<BearerToken> get(String scope) {
    BearerToken token = byScope.get(scope);
    if (token == null || !token.usableAt(clock.instant().plus(LEEWAY))) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  public void put(String scope, BearerToken token) {
    byScope.put(scope, token);
  }

  /** Forgets {@code token} for {@code scope} (the parent refused it), unless already replaced. */
  public void invalidate(String scope, BearerToken token) {
    byScope.remove(scope, token);
  }
}
