package dev.outpost.serve.auth;

import dev.outpost.store.TokenRepository;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import java.time.Clock;
import java.util.Optional;

/**
 * Checks client-token credentials against the {@link TokenRepository}: the token must exist, be
 * enabled, not be expired at the injected clock's instant, and one of its password slots must
 * match. An unknown name still costs one hash comparison, so timing does not tell names apart.
 */
public final class ClientAuthenticator {
  private final TokenRepository tokens;
  private final Clock clock;
  private final PasswordHash decoy = PasswordHash.of(PasswordHash.generatePassword());

  public ClientAuthenticator(TokenRepository tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  public Optional<ClientToken> authenticate(String name, String password) {
    Optional<ClientToken> token = usableToken(name);
    if (token.isEmpty()) {
      decoy.matches(password);
      return Optional.empty();
    }
    return token.filter(t -> t.passwordMatches(password));
  }

  /** The named token if it exists and may be used now (for re-checking a bearer token's subject). */
  public Optional<ClientToken> usableToken(String name) {
    try {
      return tokens.token(name).filter(t -> t.isUsableAt(clock.instant()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
