package dev.outpost.store.model;

import java.util.regex.Pattern;

/** A tag: {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}} as the distribution spec defines it. */
public record Tag(String value) implements Comparable<Tag> {
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");

  public Tag {
    if (value == null || !TAG.matcher(value).matches()) {
      throw new InvalidValueException(InvalidValueException.Kind.TAG,
          "tag '" + (value == null ? "" : Digest.abbreviate(value)) + "' is invalid: at most 128 of [a-zA-Z0-9._-], not starting with . or -");
    }
  }

  public static Tag of(String value) {
    return new Tag(value);
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public int compareTo(Tag o) {
    return value.compareTo(o.value);
  }
}
