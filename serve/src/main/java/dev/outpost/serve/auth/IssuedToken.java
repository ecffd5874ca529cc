package dev.outpost.serve.auth;

import java.time.Duration;
import java.time.Instant;

/** A signed access token with its lifetime, as the token endpoint returns it. Never log {@link #jwt}. */
public record IssuedToken(String jwt, Instant issuedAt, Duration expiresIn) {
  @Override
  public String toString() {
    return "IssuedToken[issuedAt=" + issuedAt + ", expiresIn=" + expiresIn + "]";
  }
}
