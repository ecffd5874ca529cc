package dev.outpost.store.model;

import java.util.regex.Pattern;

/**
 * A repository name as the distribution spec defines it: path components of lower-case
 * alphanumerics joined by {@code .}, {@code _}, {@code __} or runs of {@code -}, separated by
 * {@code /}; at most 255 characters in all.
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*");
  public static final int MAX_LENGTH = 255;

  public RepositoryName {
    if (value == null || value.isEmpty()) {
      throw invalid("repository name is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid("repository name is longer than " + MAX_LENGTH + " characters");
    }
    for (String component : value.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw invalid("repository name '" + Digest.abbreviate(value) + "' is invalid: component '"
            + Digest.abbreviate(component) + "' must be lower-case letters and digits joined by . _ __ or -");
      }
    }
  }

  public static RepositoryName of(String value) {
    return new RepositoryName(value);
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public int compareTo(RepositoryName o) {
    return value.compareTo(o.value);
  }

  private static InvalidValueException invalid(String message) {
    return new InvalidValueException(InvalidValueException.Kind.NAME, message);
  }
}
