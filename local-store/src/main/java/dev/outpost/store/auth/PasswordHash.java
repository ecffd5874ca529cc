package dev.outpost.store.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A salted hash of a client-token password: HMAC-SHA256 keyed by a 16-byte random salt.
 *
 * <p>Why not a slow KDF: Outpost generates every password itself with 256 bits from
 * {@link SecureRandom} (like ACR's token passwords), so there is nothing to brute-force, and a
 * slow hash would be paid on every {@code Basic} request a client makes. Comparison is in
 * constant time.
 */
public record PasswordHash(byte[] salt, byte[] hash) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  public PasswordHash {
    Objects.requireNonNull(salt);
    Objects.requireNonNull(hash);
    salt = salt.clone();
    hash = hash.clone();
  }

  /** A new random password: 32 random bytes, base64url without padding (43 characters). */
  public static String generatePassword() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static PasswordHash of(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new PasswordHash(salt, hmac(salt, password));
  }

  /** Constant-time comparison of {@code candidate} with the stored hash. */
  public boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(hash, hmac(salt, candidate));
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** Never prints the hash: a hash is not a secret in theory, and in logs it is in practice. */
  @Override
  public String toString() {
    return "PasswordHash[salt=" + HEX.formatHex(salt, 0, 4) + "…]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p && MessageDigest.isEqual(p.salt, salt) && MessageDigest.isEqual(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(hash);
  }

  private static byte[] hmac(byte[] salt, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac.doFinal(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }
}
