package dev.outpost.serve.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies this endpoint's short-lived HS256 access tokens, signed with a
 * {@link SigningKey}: one kept in the store outlives a restart, so tokens already issued stay
 * good; a {@link SigningKey#random()} one dies with the process, and clients then simply fetch a
 * new token on the next 401.
 *
 * <p>Verification checks, in order: algorithm and signature, issuer, audience, then expiry and
 * not-before with {@link #CLOCK_LEEWAY}, against the injected {@link Clock}. Any failure yields
 * empty; the reason is deliberately not reported to the client.
 */
public final class AccessTokens {
  public static final String ISSUER = "outpost";
  /** Tolerance for expiry and not-before, for tokens checked by a peer with a slightly different clock. */
  public static final Duration CLOCK_LEEWAY = Duration.ofSeconds(5);

  // Both are immutable and marked @ThreadSafe by Nimbus: one pair serves every request.
  private final MACSigner signer;
  private final JWSVerifier verifier;
  private final String audience;
  private final Duration ttl;
  private final Clock clock;

  public AccessTokens(SigningKey key, String audience, Duration ttl, Clock clock) {
    this(key.bytes(), audience, ttl, clock);
  }

  AccessTokens(byte[] key, String audience, Duration ttl, Clock clock) {
    if (key.length < 32) {
      throw new IllegalArgumentException("HS256 needs a key of at least 256 bits");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive, was " + ttl);
    }
    byte[] secret = key.clone();
    try {
      this.signer = new MACSigner(secret);
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unusable HS256 key", e);
    }
    this.audience = Objects.requireNonNull(audience);
    this.ttl = ttl;
    this.clock = clock;
  }

  public String audience() {
    return audience;
  }

  /** Claims naming the password slot a token was obtained with, and that password's stamp. */
  static final String SLOT_CLAIM = "outpost_slot";
  static final String STAMP_CLAIM = "outpost_pwd";

  /** A token for the client token {@code login} authenticated, carrying which password it used. */
  public IssuedToken issue(PasswordLogin login, GrantedAccess access) {
    return issue(login.token().name(), Optional.of(login.issuedFrom()), access);
  }

  IssuedToken issue(String subject, Optional<IssuedFrom> from, GrantedAccess access) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(audience)
        .subject(subject)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .claim(AccessClaims.CLAIM, AccessClaims.encode(access))
        .claim(SLOT_CLAIM, from.map(IssuedFrom::slot).orElse(null))
        .claim(STAMP_CLAIM, from.map(IssuedFrom::stamp).orElse(null))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing an access token failed", e);
    }
    return new IssuedToken(jwt.serialize(), now, ttl);
  }

  public Optional<VerifiedToken> verify(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null
          || !claims.getAudience().contains(audience) || !isCurrent(claims) || claims.getSubject() == null) {
        return Optional.empty();
      }
      return Optional.of(new VerifiedToken(claims.getSubject(), issuedFrom(claims),
          AccessClaims.decode(claims.getClaim(AccessClaims.CLAIM))));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<IssuedFrom> issuedFrom(JWTClaimsSet claims) {
    Object slot = claims.getClaim(SLOT_CLAIM);
    Object stamp = claims.getClaim(STAMP_CLAIM);
    return slot instanceof Number n && stamp instanceof String s
        ? Optional.of(new IssuedFrom(n.intValue(), s)) : Optional.empty();
  }

  private boolean isCurrent(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    Date notBefore = claims.getNotBeforeTime();
    return expiry != null && now.isBefore(expiry.toInstant().plus(CLOCK_LEEWAY))
        && (notBefore == null || !now.isBefore(notBefore.toInstant().minus(CLOCK_LEEWAY)));
  }
}
