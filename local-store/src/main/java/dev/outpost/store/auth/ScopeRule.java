package dev.outpost.store.auth;

import dev.outpost.store.model.RepositoryName;
import java.util.EnumSet;
import java.util.Set;

/** One line of a scope map: which repositories, which actions. */
public record ScopeRule(RepositoryPattern pattern, Set<Action> actions) {
  public ScopeRule {
    actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
  }

  public boolean grants(RepositoryName repository, Action action) {
    return actions.contains(action) && pattern.matches(repository);
  }
}
