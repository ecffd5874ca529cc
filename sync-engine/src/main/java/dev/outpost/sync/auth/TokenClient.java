package dev.outpost.sync.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTParser;
import dev.outpost.sync.http.ResponseGate;
import dev.outpost.sync.http.UnusableResponseException;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches bearer tokens from the realm of a {@code Bearer} challenge (the distribution token
 * protocol, which ACR implements): {@code GET <realm>?service=…&scope=…}, with Basic credentials
 * when configured, else anonymously. Accepts {@code token} or {@code access_token}; the lifetime
 * comes from {@code expires_in}, else the JWT {@code exp} claim (read, not verified: the token is
 * the parent's business, we only need to know when to stop sending it), else 60 seconds. A 401 from
 * the realm has the credentials re-read once ({@link RenewableCredentials}) and, when they changed,
 * the token asked for once more with the new ones.
 */
public final class TokenClient implements TokenSource {
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final RenewableCredentials credentials;
  private final Clock clock;

  /** {@code http} must not carry the registry auth interceptor (no recursion). */
  public TokenClient(OkHttpClient http, Optional<ParentCredentials> credentials, Clock clock) {
    this(http, RenewableCredentials.fixed(credentials), clock);
  }

  /** {@code credentials} shared with the auth interceptor, so that both see a renewal. */
  public TokenClient(OkHttpClient http, RenewableCredentials credentials, Clock clock) {
    this.http = http;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public BearerToken fetch(Challenge bearer, String scope) throws IOException {
    HttpUrl realm = realmUrl(bearer);
    HttpUrl.Builder url = realm.newBuilder();
    bearer.param("service").ifPresent(s -> url.addQueryParameter("service", s));
    if (!scope.isEmpty()) {
      url.addQueryParameter("scope", scope);
    }
    Request anonymous = new Request.Builder().url(url.build()).get().build();
    Optional<ParentCredentials> sent = credentials.current();
    Instant requestedAt = clock.instant();
    Response response = http.newCall(withBasic(anonymous, sent)).execute();
    Optional<ParentCredentials> renewed = response.code() == 401 && sent.isPresent()
        ? credentials.renewAfterRejection(sent.get()) : Optional.empty();
    if (renewed.isPresent()) {
      response.close();
      response = http.newCall(withBasic(anonymous, renewed)).execute();
    }
    String what = "get a token for scope '" + scope + "'";
    try (Response checked = ResponseGate.check(response, what)) {
      return parse(ResponseGate.readBody(checked, MAX_TOKEN_RESPONSE, what), requestedAt);
    }
  }

  private static Request withBasic(Request request, Optional<ParentCredentials> credentials) {
    return credentials.map(c -> request.newBuilder().header("Authorization", c.basicHeader()).build()).orElse(request);
  }

  /** Only http(s) realms with a host are followed (no file:, no relative nonsense). */
  public static HttpUrl realmUrl(Challenge bearer) throws UnusableResponseException {
    String realm = bearer.param("realm").orElseThrow(() -> refused("the Bearer challenge has no realm"));
    HttpUrl url = HttpUrl.parse(realm);
    if (url == null) { // HttpUrl parses absolute http(s) URLs only
      throw refused("the Bearer challenge realm is not an http(s) URL: " + abbreviate(realm));
    }
    return url;
  }

  /** An unusable challenge is the parent's answer to our request, and the same on every attempt. */
  private static UnusableResponseException refused(String why) {
    return new UnusableResponseException("Tried to authenticate to the parent: " + why);
  }

  /**
   * Reads a token response ({@code token} or {@code access_token}, lifetime from {@code expires_in},
   * else the JWT {@code exp}, else {@link #DEFAULT_LIFETIME}); also what ACR's {@code /oauth2/token} answers.
   */
  public static BearerToken parse(byte[] body, Instant requestedAt) throws IOException {
    JsonNode json = JSON.readTree(body);
    String token = text(json, "token").or(() -> text(json, "access_token"))
        .orElseThrow(() -> new UnusableResponseException("token response has neither token nor access_token"));
    Duration lifetime = json.path("expires_in").canConvertToLong() && json.path("expires_in").asLong() > 0
        ? Duration.ofSeconds(json.path("expires_in").asLong())
        : jwtLifetime(token, requestedAt).orElse(DEFAULT_LIFETIME);
    return new BearerToken(token, requestedAt.plus(lifetime));
  }

  private static Optional<Duration> jwtLifetime(String token, Instant requestedAt) {
    return jwtExpiry(token).map(exp -> Duration.between(requestedAt, exp));
  }

  /** The {@code exp} claim of a JWT, read and not verified (the token is the parent's business); empty for an opaque token. */
  public static Optional<Instant> jwtExpiry(String token) {
    try {
      Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
      return Optional.ofNullable(exp).map(Date::toInstant);
    } catch (ParseException | RuntimeException e) {
      return Optional.empty(); // an opaque token: not a JWT
    }
  }

  private static Optional<String> text(JsonNode json, String field) {
    JsonNode v = json.path(field);
    return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
  }

  private static String abbreviate(String s) {
    return s.length() <= 100 ? s : s.substring(0, 100) + "…";
  }
}
