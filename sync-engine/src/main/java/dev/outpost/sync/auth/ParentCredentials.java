package dev.outpost.sync.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A username and password for the parent registry (an ACR sync token, or htpasswd credentials).
 * {@link #toString()} never shows the password.
 */
public record ParentCredentials(String username, String password) {

  public ParentCredentials {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("username is empty");
    }
    if (password == null) {
      throw new IllegalArgumentException("password for " + username + " is missing");
    }
  }

  /** The value of a Basic {@code Authorization} header (RFC 7617, UTF-8). */
  public String basicHeader() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ParentCredentials[username=" + username + ", password=<redacted>]";
  }
}
