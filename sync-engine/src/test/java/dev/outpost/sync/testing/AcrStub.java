package dev.outpost.sync.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * An ACR as Outpost meets it, over HTTPS with a test CA, following ACR's documented wire format:
 * {@code /v2/} and everything under it answer 401 with {@code Bearer realm="https://<host>/oauth2/token",service="<host>"}
 * unless the request carries one of the access tokens this stub issued; with one, the request is
 * proxied to {@code content} (a plain parent fixture holding the images). Token endpoints:
 * {@code GET /oauth2/token} with Basic credentials (sync tokens), {@code POST /oauth2/exchange}
 * (an Entra token for a refresh token) and {@code POST /oauth2/token} with {@code grant_type=refresh_token};
 * and an Entra authority ({@code POST /<tenant>/oauth2/v2.0/token}) for Azure Identity's workload identity.
 */
public final class AcrStub implements AutoCloseable {
  public static final String TENANT = "test-tenant";
  public static final String ENTRA_TOKEN = "entra-access-token";
  public static final String SYNC_USER = "edge1-sync";
  public static final String SYNC_PASSWORD = "sync-password";
  private static final String AUTHORIZED = "Bearer access-.*";

  private final WireMockServer server;

  public AcrStub(Path dir, String contentUrl) {
    TestCa ca = TestCa.create(dir);
    this.caFile = ca.caFile();
    server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).httpsPort(0)
        .keystorePath(ca.keyStore().toString()).keystorePassword(TestCa.STORE_PASSWORD)
        .keyManagerPassword(TestCa.STORE_PASSWORD).keystoreType("PKCS12"));
    server.start();
    server.stubFor(any(urlPathMatching("/v2/.*")).atPriority(10).willReturn(challenge()));
    server.stubFor(any(urlPathMatching("/v2/.*")).atPriority(5).withHeader("Authorization", matching(AUTHORIZED))
        .willReturn(aResponse().proxiedFrom(contentUrl)));
    server.stubFor(any(urlPathMatching("/acr/v1/.*")).atPriority(10).willReturn(challenge()));
    // Sync token: Basic to the realm.
    server.stubFor(get(urlPathEqualTo("/oauth2/token")).atPriority(5)
        .withBasicAuth(SYNC_USER, SYNC_PASSWORD).willReturn(token("access_token", "access-basic")));
    // Entra ID: the identity's token for a refresh token, the refresh token for access tokens.
    server.stubFor(post(urlPathEqualTo("/oauth2/exchange")).atPriority(5)
        .withRequestBody(containing("grant_type=access_token")).withRequestBody(containing("access_token=" + ENTRA_TOKEN))
        .withRequestBody(containing("service=127.0.0.1"))
        .willReturn(token("refresh_token", refreshToken())));
    server.stubFor(refreshGrant().inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(token("access_token", "access-1")));
    server.stubFor(refreshGrant().inScenario("expiry").whenScenarioStateIs("expired")
        .willReturn(token("access_token", "access-2")));
    server.stubFor(post(urlPathEqualTo("/" + TENANT + "/oauth2/v2.0/token")).atPriority(5)
        .withRequestBody(containing("client_assertion=federated-assertion"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
            "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,\"access_token\":\"" + ENTRA_TOKEN + "\"}")));
  }

  private final Path caFile;

  private static MappingBuilder refreshGrant() {
    return post(urlPathEqualTo("/oauth2/token")).atPriority(5).withRequestBody(containing("grant_type=refresh_token"))
        .withRequestBody(containing("refresh_token=" + refreshToken()));
  }

  /**
   * From now on {@code access-1} is refused (it "expired" mid-sync): the next request with it gets a
   * 401, and the token endpoint hands out {@code access-2}.
   */
  public void expireFirstAccessTokenAt(String pathRegex) {
    server.stubFor(any(urlPathMatching(pathRegex)).atPriority(1).withHeader("Authorization", equalTo("Bearer access-1"))
        .inScenario("expiry").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("expired").willReturn(challenge()));
    server.stubFor(any(anyUrl()).atPriority(1).withHeader("Authorization", equalTo("Bearer access-1"))
        .inScenario("expiry").whenScenarioStateIs("expired").willReturn(challenge()));
  }

  /** A refresh token as ACR issues them: a JWT (unsigned here) whose {@code exp} is three hours away. */
  static String refreshToken() {
    return new PlainJWT(new JWTClaimsSet.Builder().expirationTime(Date.from(FIXED_EXP)).build()).serialize();
  }

  private static final Instant FIXED_EXP = Instant.now().plus(Duration.ofHours(3));

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder challenge() {
    return aResponse().withStatus(401).withHeader("WWW-Authenticate",
        "Bearer realm=\"" + url() + "/oauth2/token\",service=\"127.0.0.1\"")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String field, String value) {
    return aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"" + field + "\":\"" + value + "\",\"expires_in\":3600}");
  }

  /** Stubs an answer under ACR's listing API for requests that carry an issued token. */
  public void stubListing(MappingBuilder mapping) {
    server.stubFor(mapping.atPriority(5).withHeader("Authorization", matching(AUTHORIZED)));
  }

  public WireMockServer server() {
    return server;
  }

  public String url() {
    return "https://127.0.0.1:" + server.httpsPort();
  }

  /** The test CA's certificate (PEM), for {@code TlsTrust.withCaFile}. */
  public Path caFile() {
    return caFile;
  }

  public int count(RequestPatternBuilder pattern) {
    return server.countRequestsMatching(pattern.build()).getCount();
  }

  public static RequestPatternBuilder requests(String method, String pathRegex) {
    return new RequestPatternBuilder(com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method),
        WireMock.urlPathMatching(pathRegex));
  }

  @Override
  public void close() {
    server.stop();
  }
}
