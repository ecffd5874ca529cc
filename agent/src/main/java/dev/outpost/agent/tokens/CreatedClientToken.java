package dev.outpost.agent.tokens;

/** A newly created token and its password, shown once and never stored in clear. */
public record CreatedClientToken(String name, String password) {
  @Override
  public String toString() {
    return "CreatedClientToken[name=" + name + ", password=***]";
  }
}
