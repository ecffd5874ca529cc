package dev.outpost.agent.tokens;

/**
 * A newly created or rotated password of a token, and its slot (1 or 2), shown once and never
 * stored in clear.
 */
public record CreatedClientToken(String name, int slot, String password) {
  /** A new token: its password is in slot 1. */
  public CreatedClientToken(String name, String password) {
    this(name, 1, password);
  }

  @Override
  public String toString() {
    return "CreatedClientToken[name=" + name + ", slot=" + slot + ", password=***]";
  }
}
