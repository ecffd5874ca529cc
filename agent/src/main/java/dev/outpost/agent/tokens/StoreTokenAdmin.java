package dev.outpost.agent.tokens;

import dev.outpost.store.TokenRepository;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import dev.outpost.store.auth.PasswordSlot;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Token administration straight on the store. Passwords are generated here and kept only as hashes.
 * Every change is one record write, seen by the endpoint's next request (the store's token snapshot
 * is replaced by the write), which is how a running Outpost applies admin API changes at once.
 */
public final class StoreTokenAdmin implements TokenAdmin {
  private final TokenRepository tokens;
  private final Clock clock;

  public StoreTokenAdmin(TokenRepository tokens) {
    this(tokens, Clock.systemUTC());
  }

  public StoreTokenAdmin(TokenRepository tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public CreatedClientToken create(TokenSpec spec) {
    if (tokens.token(spec.name()).isPresent()) {
      throw new IllegalArgumentException("token '" + spec.name() + "' already exists; delete it first or pick another name");
    }
    requireFuture(spec.expiry());
    String password = PasswordHash.generatePassword();
    tokens.putToken(new ClientToken(spec.name(), spec.rules(), Optional.of(PasswordSlot.of(password, spec.expiry())),
        Optional.empty(), true));
    return new CreatedClientToken(spec.name(), 1, password);
  }

  @Override
  public List<TokenSummary> list() {
    Instant now = clock.instant();
    return tokens.tokens().stream().map(t -> summarize(t, now)).toList();
  }

  @Override
  public boolean delete(String name) {
    return tokens.deleteToken(name);
  }

  @Override
  public CreatedClientToken rotate(String name, int slot, Optional<Instant> expiry) {
    if (slot != 1 && slot != 2) {
      throw new IllegalArgumentException("--slot must be 1 or 2, was " + slot);
    }
    requireFuture(expiry);
    ClientToken token = existing(name);
    String password = PasswordHash.generatePassword();
    tokens.putToken(token.withSlot(slot, PasswordSlot.of(password, expiry)));
    return new CreatedClientToken(name, slot, password);
  }

  @Override
  public boolean setEnabled(String name, boolean enabled) {
    Optional<ClientToken> token = tokens.token(name);
    token.ifPresent(t -> tokens.putToken(t.withEnabled(enabled)));
    return token.isPresent();
  }

  @Override
  public Optional<TokenSummary> show(String name) {
    return tokens.token(name).map(t -> summarize(t, clock.instant()));
  }

  private ClientToken existing(String name) {
    return tokens.token(name).orElseThrow(() -> new IllegalArgumentException("no token named '" + name + "'"));
  }

  /** An expiry already past would make a password that never works: refuse it rather than store it. */
  private void requireFuture(Optional<Instant> expiry) {
    Instant now = clock.instant();
    if (expiry.isPresent() && !expiry.get().isAfter(now)) {
      throw new IllegalArgumentException("--expires " + expiry.get() + " is not in the future (it is now "
          + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "); give a later date or leave --expires out");
    }
  }

  static TokenSummary summarize(ClientToken token, Instant now) {
    List<String> scopes = token.rules().stream()
        .map(r -> r.pattern() + " " + r.actions().stream().map(Object::toString).sorted().toList())
        .toList();
    return new TokenSummary(token.name(), scopes, token.statusAt(now).name().toLowerCase(java.util.Locale.ROOT),
        token.enabled(), slot(token.password1(), now), slot(token.password2(), now));
  }

  private static SlotSummary slot(Optional<PasswordSlot> slot, Instant now) {
    return slot.map(s -> new SlotSummary(true, s.expiry().orElse(null), !s.usableAt(now))).orElse(SlotSummary.EMPTY);
  }
}
