package dev.outpost.store.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One password slot of a {@link ClientToken}: the password's salted hash and its own expiry (ACR's
 * tokens expire per password, so a rotated password can outlive the one it replaces).
 *
 * <p>{@link #stamp()} names this particular password without revealing anything about it: access
 * tokens carry it, and a bearer token is honoured only while its slot still holds the password it
 * was issued from. It is derived from the hash's random salt, which a rotation (or deleting and
 * re-creating the token) always replaces, so no separate generation counter is stored.
 */
public record PasswordSlot(PasswordHash hash, Optional<Instant> expiry) {
  public PasswordSlot {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(expiry, "expiry");
  }

  /** A slot for a new password. */
  public static PasswordSlot of(String password, Optional<Instant> expiry) {
    return new PasswordSlot(PasswordHash.of(password), expiry);
  }

  /** True when this password has not expired at {@code now}. */
  public boolean usableAt(Instant now) {
    return expiry.map(now::isBefore).orElse(true);
  }

  /** 16 base64url characters identifying this password (96 bits of SHA-256 over the salt). */
  public String stamp() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(hash.salt());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "PasswordSlot[expiry=" + expiry.map(Instant::toString).orElse("none") + "]";
  }
}
