package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.model.RepositoryName;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an access token grants: the ACR actions per repository, and whether the catalog may be
 * listed. Only ever a subset of what the client token's scope map allows.
 */
public record GrantedAccess(Map<RepositoryName, Set<Action>> repositories, boolean catalog) {
  public static final GrantedAccess NONE = new GrantedAccess(Map.of(), false);

  public GrantedAccess {
    Map<RepositoryName, Set<Action>> copy = new TreeMap<>();
    repositories.forEach((name, actions) -> {
      if (!actions.isEmpty()) {
        copy.put(name, Set.copyOf(EnumSet.copyOf(actions)));
      }
    });
    repositories = Collections.unmodifiableMap(copy);
  }

  public boolean allows(RepositoryName repository, Action action) {
    return repositories.getOrDefault(repository, Set.of()).contains(action);
  }
}
