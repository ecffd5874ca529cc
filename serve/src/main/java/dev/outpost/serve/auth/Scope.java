package dev.outpost.serve.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One requested scope of the Docker token protocol: {@code type:name:actions}, for example
 * {@code repository:library/hello:pull,push} or {@code registry:catalog:*}. The name is what lies
 * between the first and the last colon, so a name with a colon in it still parses.
 */
public record Scope(String type, String name, Set<String> actions) {
  public static final String REPOSITORY = "repository";
  public static final String REGISTRY = "registry";
  public static final String CATALOG = "catalog";
  public static final String PULL = "pull";

  public Scope {
    actions = Set.copyOf(new LinkedHashSet<>(actions));
  }

  public static Scope pull(String repository) {
    return new Scope(REPOSITORY, repository, Set.of(PULL));
  }

  public static Scope catalog() {
    return new Scope(REGISTRY, CATALOG, Set.of("*"));
  }

  /** Parses one scope; empty for anything malformed (malformed scopes are dropped, not errors). */
  public static Optional<Scope> parse(String value) {
    int first = value.indexOf(':');
    int last = value.lastIndexOf(':');
    if (first <= 0 || last == first || last == value.length() - 1 || last - first < 2) {
      return Optional.empty();
    }
    Set<String> actions = new LinkedHashSet<>();
    for (String action : value.substring(last + 1).split(",")) {
      if (!action.isBlank()) {
        actions.add(action.trim());
      }
    }
    return Optional.of(new Scope(value.substring(0, first), value.substring(first + 1, last), actions));
  }

  /**
   * Parses every scope in the given parameter values. GET sends one {@code scope} parameter per
   * scope; the OAuth2 POST form (containerd) sends them space-separated in one parameter.
   */
  public static List<Scope> parseAll(List<String> parameterValues) {
    List<Scope> scopes = new ArrayList<>();
    for (String value : parameterValues) {
      for (String part : value.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          parse(part).ifPresent(scopes::add);
        }
      }
    }
    return scopes;
  }

  @Override
  public String toString() {
    return type + ":" + name + ":" + String.join(",", actions);
  }
}
