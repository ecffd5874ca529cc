package dev.outpost.store.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:4a5b…}. Only algorithms Outpost can compute are accepted
 * ({@code sha256}, {@code sha512}): a digest we cannot verify is a digest we must not trust.
 * The encoded part is lower-case hex of the exact length the algorithm produces.
 */
public final class Digest implements Comparable<Digest> {
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");
  private static final HexFormat HEX_FORMAT = HexFormat.of();

  private final String algorithm;
  private final String hex;
  // Computed once: digests are map keys and log text on every blob request.
  private final String value;
  private final int hash;

  private Digest(String algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex;
    this.value = algorithm + ":" + hex;
    // What Objects.hash(algorithm, hex) returns, without its array: hash orders stay as they were.
    this.hash = 31 * (31 + algorithm.hashCode()) + hex.hashCode();
  }

  /** Parses {@code algorithm:hex}; throws {@link InvalidValueException} (kind DIGEST) otherwise. */
  public static Digest parse(String value) {
    if (value == null) {
      throw invalid("digest is missing");
    }
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw invalid("digest '" + abbreviate(value) + "' is not of the form algorithm:hex");
    }
    String algorithm = value.substring(0, colon);
    String hex = value.substring(colon + 1);
    int expectedLength = switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw invalid("digest algorithm '" + abbreviate(algorithm) + "' is not supported");
    };
    if (hex.length() != expectedLength || !HEX.matcher(hex).matches()) {
      throw invalid("digest '" + abbreviate(value) + "' must have " + expectedLength + " lower-case hex characters");
    }
    return new Digest(algorithm, hex);
  }

  /** The sha256 digest of the given bytes. */
  public static Digest sha256(byte[] bytes) {
    MessageDigest md = newSha256();
    return fromSha256Bytes(md.digest(bytes));
  }

  /** Wraps the raw 32-byte output of a sha256 {@link MessageDigest}. */
  public static Digest fromSha256Bytes(byte[] raw) {
    if (raw.length != 32) {
      throw invalid("a sha256 digest has 32 bytes, not " + raw.length);
    }
    return new Digest("sha256", HEX_FORMAT.formatHex(raw));
  }

  /** A fresh sha256 hasher; the JDK guarantees sha256 exists. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every JDK", e);
    }
  }

  /** True when {@code raw} (the output of {@link #newHasher()}) equals this digest. */
  public boolean matches(byte[] raw) {
    return MessageDigest.isEqual(HEX_FORMAT.parseHex(hex), raw);
  }

  public String algorithm() {
    return algorithm;
  }

  public String hex() {
    return hex;
  }

  /** The first 12 hex characters, for logs and progress lines. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest d && d.algorithm.equals(algorithm) && d.hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Digest o) {
    return value.compareTo(o.value);
  }

  private static InvalidValueException invalid(String message) {
    return new InvalidValueException(InvalidValueException.Kind.DIGEST, message);
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
