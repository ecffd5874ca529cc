package dev.outpost.serve.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.outpost.store.auth.Action;
import dev.outpost.store.model.RepositoryName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Optional<IssuedFrom> FROM = Optional.of(new IssuedFrom(2, "stamp-of-password"));
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  private final AccessTokens tokens = new AccessTokens(KEY, "outpost.test:5000", Duration.ofSeconds(300), clock);
  private final GrantedAccess access = new GrantedAccess(
      Map.of(RepositoryName.of("library/hello"), Set.of(Action.CONTENT_READ)), true);

  @Test
  void issuedTokensVerifyAndCarryTheGrantedAccess() throws Exception {
    IssuedToken issued = tokens.issue("ci", FROM, access);
    assertThat(tokens.verify(issued.jwt())).contains(new VerifiedToken("ci", FROM, access));
    JWTClaimsSet claims = SignedJWT.parse(issued.jwt()).getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(AccessTokens.ISSUER);
    assertThat(claims.getAudience()).containsExactly("outpost.test:5000");
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(T0.plusSeconds(300));
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(T0);
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getClaim("outpost_slot")).isEqualTo(2L);
    assertThat(claims.getClaim("outpost_pwd")).isEqualTo("stamp-of-password");
    assertThat(claims.getClaim("access")).isEqualTo(List.of(
        Map.of("type", "repository", "name", "library/hello", "actions", List.of("pull"),
            "acr_actions", List.of("content/read")),
        Map.of("type", "registry", "name", "catalog", "actions", List.of("*"))));
  }

  @Test
  void expiryIsCheckedWithTheNamedLeeway() {
    String jwt = tokens.issue("ci", FROM, access).jwt();
    now.set(T0.plusSeconds(300).plus(AccessTokens.CLOCK_LEEWAY).minusMillis(1));
    assertThat(tokens.verify(jwt)).isPresent();
    now.set(T0.plusSeconds(300).plus(AccessTokens.CLOCK_LEEWAY));
    assertThat(tokens.verify(jwt)).isEmpty();
  }

  @Test
  void notYetValidTokensAreRejected() {
    String jwt = tokens.issue("ci", FROM, access).jwt();
    now.set(T0.minus(AccessTokens.CLOCK_LEEWAY).minusSeconds(1));
    assertThat(tokens.verify(jwt)).isEmpty();
  }

  @Test
  void anotherKeyAnotherAudienceOrAnotherIssuerIsRejected() throws Exception {
    String jwt = tokens.issue("ci", FROM, access).jwt();
    byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes();
    assertThat(new AccessTokens(otherKey, "outpost.test:5000", Duration.ofSeconds(300), clock).verify(jwt)).isEmpty();
    assertThat(new AccessTokens(KEY, "elsewhere:5000", Duration.ofSeconds(300), clock).verify(jwt)).isEmpty();
    assertThat(tokens.verify(signed(new JWTClaimsSet.Builder().issuer("someone-else").audience("outpost.test:5000")
        .subject("ci").expirationTime(Date.from(T0.plusSeconds(60))).build()))).isEmpty();
  }

  @Test
  void garbageAndUnsignedTokensAreRejected() {
    assertThat(tokens.verify("not-a-jwt")).isEmpty();
    String jwt = tokens.issue("ci", FROM, access).jwt();
    String unsigned = jwt.substring(0, jwt.lastIndexOf('.') + 1);
    assertThat(tokens.verify(unsigned)).isEmpty();
    String alg = "{\"alg\":\"none\"}";
    String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(alg.getBytes())
        + jwt.substring(jwt.indexOf('.'), jwt.lastIndexOf('.') + 1);
    assertThat(tokens.verify(none)).isEmpty();
  }

  @Test
  void aTamperedAccessClaimBreaksTheSignature() throws Exception {
    String jwt = tokens.issue("ci", FROM, GrantedAccess.NONE).jwt();
    String[] parts = jwt.split("\\.");
    JWTClaimsSet widened = new JWTClaimsSet.Builder(SignedJWT.parse(jwt).getJWTClaimsSet())
        .claim("access", AccessClaims.encode(access)).build();
    String forged = signedWith("fedcba9876543210fedcba9876543210".getBytes(), widened);
    assertThat(tokens.verify(parts[0] + "." + forged.split("\\.")[1] + "." + parts[2])).isEmpty();
  }

  @Test
  void actionsTheEndpointDoesNotKnowGrantNothing() {
    GrantedAccess decoded = AccessClaims.decode(List.of(Map.of("type", "repository", "name", "library/hello",
        "actions", List.of("pull", "push"), "acr_actions", List.of("content/write", 7, "content/read"))));
    assertThat(decoded).isEqualTo(new GrantedAccess(
        Map.of(RepositoryName.of("library/hello"), Set.of(Action.CONTENT_READ)), false));
  }

  private static String signed(JWTClaimsSet claims) throws Exception {
    return signedWith(KEY, claims);
  }

  private static String signedWith(byte[] key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(key));
    return jwt.serialize();
  }
}
