package dev.outpost.agent.tokens;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.auth.ScopeRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What {@code outpost token create} asks for: one scope rule per repository pattern, same actions. */
public record TokenSpec(String name, List<RepositoryPattern> repositories, Set<Action> actions, Optional<Instant> expiry) {
  public TokenSpec {
    if (repositories.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one --repository");
    }
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one action");
    }
    repositories = List.copyOf(repositories);
    actions = Set.copyOf(actions);
  }

  public List<ScopeRule> rules() {
    return repositories.stream().map(p -> new ScopeRule(p, actions)).toList();
  }
}
