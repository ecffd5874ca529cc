package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.RepositoryName;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which of the requested scopes a client token receives. As in distribution's token
 * server, scopes that are unknown, malformed or not allowed are silently dropped: the reply is a
 * token with fewer rights, never an error, so that it reveals nothing about what exists.
 *
 * <p>{@code pull} on a repository grants the ACR read actions the scope map holds for it
 * ({@code content/read}, {@code metadata/read}): clients ask for {@code pull} also to list tags.
 * Write actions ({@code push}, {@code delete}, {@code *}) are never granted: the endpoint is read-only.
 * {@code registry:catalog:*} is granted when the scope map gives {@code metadata/read} on anything;
 * the catalog itself is then filtered per repository.
 */
public final class ScopeGranter {
  private ScopeGranter() {}

  public static GrantedAccess grant(ClientToken token, List<Scope> requested) {
    Map<RepositoryName, Set<Action>> repositories = new LinkedHashMap<>();
    boolean catalog = false;
    for (Scope scope : requested) {
      if (isCatalog(scope)) {
        catalog |= token.rules().stream().anyMatch(r -> r.actions().contains(Action.METADATA_READ));
      } else if (scope.type().equals(Scope.REPOSITORY) && scope.actions().contains(Scope.PULL)) {
        parseName(scope.name()).ifPresent(name -> {
          Set<Action> actions = readActions(token, name);
          if (!actions.isEmpty()) {
            repositories.computeIfAbsent(name, n -> EnumSet.noneOf(Action.class)).addAll(actions);
          }
        });
      }
    }
    return new GrantedAccess(repositories, catalog);
  }

  private static boolean isCatalog(Scope scope) {
    return scope.type().equals(Scope.REGISTRY) && scope.name().equals(Scope.CATALOG) && scope.actions().contains("*");
  }

  private static Set<Action> readActions(ClientToken token, RepositoryName name) {
    Set<Action> actions = EnumSet.noneOf(Action.class);
    for (Action action : Action.values()) {
      if (token.grants(name, action)) {
        actions.add(action);
      }
    }
    return actions;
  }

  private static Optional<RepositoryName> parseName(String value) {
    try {
      return Optional.of(RepositoryName.of(value));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
