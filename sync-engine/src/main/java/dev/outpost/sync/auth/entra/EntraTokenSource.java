package dev.outpost.sync.auth.entra;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.CredentialUnavailableException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.sync.auth.BearerToken;
import dev.outpost.sync.auth.Challenge;
import dev.outpost.sync.auth.TokenClient;
import dev.outpost.sync.auth.TokenSource;
import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.http.ResponseGate;
import dev.outpost.sync.http.UnusableResponseException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Bearer tokens for ACR from an Entra ID identity, the way ACR documents it (and its SDKs do):
 * <ol>
 *   <li>an Entra access token for {@value #ACR_SCOPE} from Azure Identity;</li>
 *   <li>{@code POST <registry>/oauth2/exchange} ({@code grant_type=access_token}, {@code service},
 *       {@code tenant}, {@code access_token}) answers an ACR refresh token, kept per service until its
 *       JWT {@code exp} minus {@link #REFRESH_MARGIN};</li>
 *   <li>{@code POST <realm>} ({@code /oauth2/token}: {@code grant_type=refresh_token}, {@code service},
 *       {@code scope}, {@code refresh_token}) answers the access token for one scope.</li>
 * </ol>
 * The registry's origin is the realm's: ACR's challenge names {@code https://<registry>/oauth2/token}.
 * A refresh token the realm refuses (401: revoked, or expired early) is dropped and exchanged afresh
 * once. Access tokens are cached and invalidated by the auth interceptor, which asks again after a 401.
 * No token is ever logged or put in an exception message.
 */
public final class EntraTokenSource implements TokenSource {
  /** The audience of ACR's data plane (the Azure SDK's default for public Azure). */
  public static final String ACR_SCOPE = "https://containerregistry.azure.net/.default";
  /** A refresh token is not used in its last minutes: a pass started then would see it expire midway. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
  /** ACR's refresh tokens are JWTs (3 hours); an opaque one is kept this long. */
  static final Duration OPAQUE_REFRESH_LIFETIME = Duration.ofMinutes(30);
  private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final TokenCredential credential;
  private final String identity;
  private final Optional<String> tenant;
  private final Clock clock;
  private final ConcurrentMap<String, BearerToken> refreshTokens = new ConcurrentHashMap<>();

  /**
   * {@code http} must not carry the registry auth interceptor; {@code identity} describes the
   * credential in messages ("managed identity (client …)").
   */
  public EntraTokenSource(OkHttpClient http, TokenCredential credential, String identity, Optional<String> tenant,
      Clock clock) {
    this.http = http;
    this.credential = credential;
    this.identity = identity;
    this.tenant = tenant;
    this.clock = clock;
  }

  @Override
  public BearerToken fetch(Challenge bearer, String scope) throws IOException {
    HttpUrl realm = TokenClient.realmUrl(bearer);
    String service = bearer.param("service").orElse(realm.host());
    BearerToken refresh = refreshToken(realm, service);
    try {
      return accessToken(realm, service, scope, refresh);
    } catch (ParentException e) {
      if (e.status() != 401) {
        throw e;
      }
      refreshTokens.remove(service, refresh); // revoked or expired early: exchange anew, once
      return accessToken(realm, service, scope, refreshToken(realm, service));
    }
  }

  private BearerToken refreshToken(HttpUrl realm, String service) throws IOException {
    BearerToken cached = refreshTokens.get(service);
    if (cached != null && cached.usableAt(clock.instant().plus(REFRESH_MARGIN))) {
      return cached;
    }
    BearerToken fresh = exchange(realm, service, entraToken());
    refreshTokens.put(service, fresh);
    return fresh;
  }

  private String entraToken() throws EntraTokenException {
    TokenRequestContext request = new TokenRequestContext().addScopes(ACR_SCOPE);
    tenant.ifPresent(request::setTenantId);
    AccessToken token;
    try {
      token = credential.getTokenSync(request);
    } catch (CredentialUnavailableException e) {
      throw new EntraUnavailableException("Tried to get an Entra ID token as " + identity + ": " + firstLine(e), e);
    } catch (RuntimeException e) {
      throw new EntraTokenException("Tried to get an Entra ID token as " + identity + ": " + firstLine(e), e);
    }
    if (token == null || token.getToken() == null || token.getToken().isEmpty()) {
      throw new EntraTokenException("Tried to get an Entra ID token as " + identity + ": Azure Identity returned none", null);
    }
    return token.getToken();
  }

  /** {@code POST /oauth2/exchange}: an Entra access token for an ACR refresh token. */
  private BearerToken exchange(HttpUrl realm, String service, String entraToken) throws IOException {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "access_token").add("service", service);
    tenant.ifPresent(t -> form.add("tenant", t));
    form.add("access_token", entraToken);
    HttpUrl url = realm.newBuilder().encodedPath("/oauth2/exchange").query(null).build();
    Instant requestedAt = clock.instant();
    String what = "exchange the Entra ID token of " + identity + " for an ACR refresh token at " + url.host();
    String token = post(url, form.build(), what, "refresh_token");
    Instant expires = TokenClient.jwtExpiry(token).orElse(requestedAt.plus(OPAQUE_REFRESH_LIFETIME));
    return new BearerToken(token, expires);
  }

  /** {@code POST <realm>} with {@code grant_type=refresh_token}: the access token for {@code scope}. */
  private BearerToken accessToken(HttpUrl realm, String service, String scope, BearerToken refresh) throws IOException {
    FormBody.Builder form = new FormBody.Builder().add("grant_type", "refresh_token").add("service", service);
    if (!scope.isEmpty()) {
      form.add("scope", scope);
    }
    form.add("refresh_token", refresh.value());
    Instant requestedAt = clock.instant();
    Request request = new Request.Builder().url(realm).post(form.build()).build();
    String what = "get a token for scope '" + scope + "' with the ACR refresh token of " + identity;
    try (Response response = ResponseGate.check(http.newCall(request).execute(), what)) {
      return TokenClient.parse(ResponseGate.readBody(response, MAX_TOKEN_RESPONSE, what), requestedAt);
    }
  }

  private String post(HttpUrl url, FormBody form, String what, String field) throws IOException {
    Request request = new Request.Builder().url(url).post(form).build();
    try (Response response = ResponseGate.check(http.newCall(request).execute(), what)) {
      JsonNode json = JSON.readTree(ResponseGate.readBody(response, MAX_TOKEN_RESPONSE, what));
      JsonNode value = json.path(field);
      if (!value.isTextual() || value.asText().isEmpty()) {
        throw new UnusableResponseException("Tried to " + what + ": the answer has no " + field);
      }
      return value.asText();
    }
  }

  /** Azure Identity's messages run to several lines of troubleshooting links; the first says what happened. */
  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }
}
