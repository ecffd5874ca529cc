package dev.outpost.store.auth;

import dev.outpost.store.model.InvalidValueException;

/**
 * ACR scope-map actions that a read-only endpoint can grant. {@code content/read} pulls manifests
 * and blobs; {@code metadata/read} lists tags and the catalog.
 */
public enum Action {
  CONTENT_READ("content/read"),
  METADATA_READ("metadata/read");

  private final String wireName;

  Action(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Action parse(String value) {
    for (Action a : values()) {
      if (a.wireName.equals(value)) {
        return a;
      }
    }
    throw new InvalidValueException(InvalidValueException.Kind.PATTERN,
        "unknown action '" + value + "' (known: content/read, metadata/read)");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
