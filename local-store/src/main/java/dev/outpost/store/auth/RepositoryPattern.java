package dev.outpost.store.auth;

import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.RepositoryName;

/**
 * A repository selector in ACR scope-map form: an exact name ({@code library/hello}) or a prefix
 * wildcard ({@code team/*}) that matches every repository below {@code team/} at any depth, and
 * nothing else ({@code teamx/a} is not below {@code team/}).
 */
public record RepositoryPattern(String value) {
  public RepositoryPattern {
    if (value == null || value.isEmpty()) {
      throw invalid("repository pattern is empty");
    }
    if (value.endsWith("/*")) {
      String prefix = value.substring(0, value.length() - 2);
      requireName(prefix, value);
    } else if (value.contains("*")) {
      throw invalid("repository pattern '" + value + "' may only end in /* (a prefix wildcard)");
    } else {
      requireName(value, value);
    }
  }

  public static RepositoryPattern parse(String value) {
    return new RepositoryPattern(value);
  }

  public boolean isWildcard() {
    return value.endsWith("/*");
  }

  /** For a wildcard, the prefix including the trailing slash ({@code team/}); else the name. */
  public String prefix() {
    return isWildcard() ? value.substring(0, value.length() - 1) : value;
  }

  public boolean matches(RepositoryName name) {
    return isWildcard() ? name.value().startsWith(prefix()) : name.value().equals(value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static void requireName(String name, String pattern) {
    try {
      RepositoryName.of(name);
    } catch (InvalidValueException e) {
      throw invalid("repository pattern '" + pattern + "' is invalid: " + e.getMessage());
    }
  }

  private static InvalidValueException invalid(String message) {
    return new InvalidValueException(InvalidValueException.Kind.PATTERN, message);
  }
}
