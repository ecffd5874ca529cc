package dev.outpost.sync.auth;

import java.time.Instant;

/** A bearer token and when to stop using it. {@link #toString()} never shows the token. */
public record BearerToken(String value, Instant expiresAt) {
  public boolean usableAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  public String header() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "BearerToken[<redacted>, expiresAt=" + expiresAt + "]";
  }
}
