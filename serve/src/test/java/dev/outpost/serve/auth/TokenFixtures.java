package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordHash;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.auth.ScopeRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Client tokens for auth tests. */
public final class TokenFixtures {
  public static final String PASSWORD = "correct-horse-battery-staple";

  private TokenFixtures() {}

  public static ClientToken token(String name, String pattern, Set<Action> actions) {
    return token(name, List.of(new ScopeRule(RepositoryPattern.parse(pattern), actions)), Optional.empty(), true);
  }

  public static ClientToken token(String name, List<ScopeRule> rules, Optional<Instant> expiry, boolean enabled) {
    return new ClientToken(name, rules, Optional.of(PasswordHash.of(PASSWORD)), Optional.empty(), expiry, enabled);
  }

  public static ScopeRule rule(String pattern, Action... actions) {
    return new ScopeRule(RepositoryPattern.parse(pattern), Set.of(actions));
  }
}
