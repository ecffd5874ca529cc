package dev.outpost.agent.admin;

import dev.outpost.agent.tokens.TokenSpec;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.RepositoryPattern;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The wire form of a token spec on the admin API. */
public record TokenRequest(String name, List<String> repositories, List<String> actions, Instant expiry) {
  public static TokenRequest of(TokenSpec spec) {
    return new TokenRequest(spec.name(), spec.repositories().stream().map(RepositoryPattern::toString).toList(),
        spec.actions().stream().map(Action::wireName).sorted().toList(), spec.expiry().orElse(null));
  }

  public TokenSpec toSpec() {
    return new TokenSpec(name, repositories.stream().map(RepositoryPattern::parse).toList(),
        new LinkedHashSet<>(actions.stream().map(Action::parse).toList()), Optional.ofNullable(expiry));
  }
}
