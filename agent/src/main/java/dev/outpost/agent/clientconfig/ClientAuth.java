package dev.outpost.agent.clientconfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A client token's name and, when the user supplied it, its password. Without the password the
 * generated files carry {@link #placeholder()} in its place: Outpost never prints a password the
 * user did not pass in, and keeps none it could print.
 */
public record ClientAuth(String username, Optional<String> password) {
  public ClientAuth {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException("--token needs a token name");
    }
  }

  public String passwordOrPlaceholder() {
    return password.orElse(placeholder());
  }

  public String placeholder() {
    return "<password of token " + username + ", printed once by outpost token create>";
  }

  /** {@code base64(username:password)}, HTTP Basic's and docker config's {@code auth}; empty without a password. */
  public Optional<String> basic() {
    return password.map(p -> Base64.getEncoder().encodeToString((username + ":" + p).getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "ClientAuth[" + username + ", password=" + (password.isPresent() ? "***" : "-") + "]";
  }
}
