package dev.outpost.serve.auth;

import dev.outpost.store.auth.Action;
import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.RepositoryName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes {@link GrantedAccess} as the Docker token {@code access} claim and back. Each repository
 * entry is {@code {"type":"repository","name":…,"actions":["pull"],"acr_actions":["content/read",…]}}:
 * {@code actions} speaks the Docker protocol ({@code pull} when content may be read), and
 * {@code acr_actions} records the ACR scope-map actions actually granted, which is what this
 * endpoint checks. The catalog is {@code {"type":"registry","name":"catalog","actions":["*"]}}.
 */
final class AccessClaims {
  static final String CLAIM = "access";
  private static final String ACR_ACTIONS = "acr_actions";

  private AccessClaims() {}

  static List<Map<String, Object>> encode(GrantedAccess access) {
    List<Map<String, Object>> entries = new ArrayList<>();
    access.repositories().forEach((name, actions) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("type", Scope.REPOSITORY);
      entry.put("name", name.value());
      entry.put("actions", actions.contains(Action.CONTENT_READ) ? List.of(Scope.PULL) : List.of());
      entry.put(ACR_ACTIONS, actions.stream().map(Action::wireName).sorted().toList());
      entries.add(entry);
    });
    if (access.catalog()) {
      entries.add(Map.of("type", Scope.REGISTRY, "name", Scope.CATALOG, "actions", List.of("*")));
    }
    return entries;
  }

  /** Decodes a verified token's claim; entries that do not parse grant nothing. */
  static GrantedAccess decode(Object claim) {
    if (!(claim instanceof List<?> list)) {
      return GrantedAccess.NONE;
    }
    Map<RepositoryName, Set<Action>> repositories = new LinkedHashMap<>();
    boolean catalog = false;
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> entry)) {
        continue;
      }
      Object type = entry.get("type");
      Object name = entry.get("name");
      if (Scope.REGISTRY.equals(type) && Scope.CATALOG.equals(name)) {
        catalog = entry.get("actions") instanceof List<?> a && a.contains("*");
      } else if (Scope.REPOSITORY.equals(type) && name instanceof String n) {
        try {
          repositories.put(RepositoryName.of(n), actions(entry.get(ACR_ACTIONS)));
        } catch (InvalidValueException e) {
          // A name we would never have issued: grant nothing for it.
        }
      }
    }
    return new GrantedAccess(repositories, catalog);
  }

  private static Set<Action> actions(Object value) {
    Set<Action> actions = EnumSet.noneOf(Action.class);
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String name) {
          try {
            actions.add(Action.parse(name));
          } catch (InvalidValueException e) {
            // An action this endpoint does not know grants nothing.
          }
        }
      }
    }
    return actions;
  }
}
