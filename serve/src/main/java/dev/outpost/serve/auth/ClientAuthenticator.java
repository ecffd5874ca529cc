package dev.outpost.serve.auth;

import dev.outpost.store.TokenRepository;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks client-token credentials against the {@link TokenRepository}: the token must exist, be
 * enabled, and one of its password slots must match a password not expired at the injected clock's
 * instant. An unknown name still costs one hash comparison, so timing does not tell names apart.
 *
 * <p>Access tokens are re-checked here on every request ({@link #honoured}): the client token must
 * still be enabled and the slot they were issued from must still hold the same, unexpired password.
 * That lookup is a read of the store's in-memory token snapshot (no RocksDB access), so revocation
 * costs no more per request than the scope-map check that was already there.
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
    return login(name, password).map(PasswordLogin::token);
  }

  /** The token and the slot whose password {@code password} is, if it may be used now. */
  public Optional<PasswordLogin> login(String name, String password) {
    Optional<ClientToken> token = lookup(name);
    if (token.isEmpty()) {
      decoy.matches(password);
      return Optional.empty();
    }
    OptionalInt slot = token.get().authenticate(password, clock.instant());
    return slot.isPresent() ? Optional.of(new PasswordLogin(token.get(), slot.getAsInt())) : Optional.empty();
  }

  /** The client token behind {@code verified}, if it still honours the password the token was issued from. */
  public Optional<ClientToken> honoured(VerifiedToken verified) {
    if (verified.from().isEmpty()) {
      return Optional.empty();
    }
    IssuedFrom from = verified.from().get();
    return lookup(verified.subject()).filter(t -> t.stillHonours(from.slot(), from.stamp(), clock.instant()));
  }

  private Optional<ClientToken> lookup(String name) {
    try {
      return tokens.token(name);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
