package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.outpost.serve.auth.TokenFixtures;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token endpoint and credential checks on /v2/, over real HTTP. */
class AuthFlowTest extends SharedRegistryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"/oauth2/token", "/acr/oauth2/token"})
  void getWithBasicIssuesATokenThatPulls(String endpoint) throws Exception {
    HttpResponse<byte[]> response = registry.http.get(endpoint + "?service=" + registry.server.service()
        + "&scope=repository:library/hello:pull,push&scope=registry:catalog:*", TestRegistry.basic("all"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("token").asText()).isEqualTo(body.get("access_token").asText());
    assertThat(body.get("expires_in").asLong()).isEqualTo(300);
    assertThat(body.get("issued_at").asText()).isEqualTo("2026-06-01T12:00:00Z");
    assertThat(accessClaim(body.get("token").asText())).isEqualTo(List.of(
        Map.of("type", "repository", "name", "library/hello", "actions", List.of("pull"),
            "acr_actions", List.of("content/read", "metadata/read")),
        Map.of("type", "registry", "name", "catalog", "actions", List.of("*"))));
    String bearer = "Bearer " + body.get("token").asText();
    assertThat(registry.http.get("/v2/library/hello/manifests/latest", bearer).statusCode()).isEqualTo(200);
    assertThat(registry.http.get("/v2/_catalog", bearer).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/oauth2/token", "/acr/oauth2/token"})
  void postWithTheContainerdFormIssuesAToken(String endpoint) throws Exception {
    HttpResponse<byte[]> response = registry.http.send(registry.http.request(endpoint).header("Content-Type",
        "application/x-www-form-urlencoded").POST(form(Map.of("grant_type", "password", "client_id", "containerd-client",
        "username", "all", "password", TokenFixtures.PASSWORD, "service", registry.server.service(),
        "scope", "repository:library/hello:pull repository:team/app:pull"))));
    assertThat(response.statusCode()).isEqualTo(200);
    String token = JSON.readTree(response.body()).get("access_token").asText();
    assertThat(((List<?>) accessClaim(token)).stream().<Object>map(e -> ((Map<?, ?>) e).get("name")).toList())
        .containsExactly("library/hello", "team/app");
    assertThat(registry.http.get("/v2/team/app/manifests/latest", "Bearer " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void refreshTokenGrantIsUnsupportedSoContainerdFallsBackToGet() {
    HttpResponse<byte[]> response = registry.http.send(registry.http.request("/oauth2/token").header("Content-Type",
        "application/x-www-form-urlencoded").POST(form(Map.of("grant_type", "refresh_token", "refresh_token", "x",
        "service", registry.server.service(), "scope", "repository:library/hello:pull"))));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.text(response)).contains("UNSUPPORTED_VALUE");
  }

  @Test
  void onlyTheGrantedSubsetIsIssued() throws Exception {
    String token = token("team", "repository:team/app:pull,push", "repository:library/hello:pull",
        "repository:nope/x:pull", "registry:catalog:*");
    assertThat(accessClaim(token)).isEqualTo(List.of(
        Map.of("type", "repository", "name", "team/app", "actions", List.of("pull"),
            "acr_actions", List.of("content/read", "metadata/read")),
        Map.of("type", "registry", "name", "catalog", "actions", List.of("*"))));
  }

  @Test
  void wrongPasswordUnknownTokenAndMissingCredentialsAre401() {
    for (String authorization : List.of(Http.basic("all", "wrong"), Http.basic("ghost", TokenFixtures.PASSWORD))) {
      HttpResponse<byte[]> token = registry.http.get("/oauth2/token?scope=repository:library/hello:pull", authorization);
      assertThat(token.statusCode()).isEqualTo(401);
      assertThat(Http.text(token)).contains("\"code\":\"UNAUTHORIZED\"");
      assertThat(registry.http.get("/v2/library/hello/manifests/latest", authorization).statusCode()).isEqualTo(401);
    }
    assertThat(registry.http.send(registry.http.request("/oauth2/token")).statusCode()).isEqualTo(401);
  }

  @Test
  void missingCredentialsGetTheBearerChallenge() {
    String realm = "Bearer realm=\"" + registry.http.base() + "/oauth2/token\",service=\""
        + registry.server.service() + "\"";
    assertThat(challenge(registry.http.send(registry.http.request("/v2/")))).isEqualTo(realm);
    assertThat(challenge(registry.http.send(registry.http.request("/v2/library/hello/manifests/latest"))))
        .isEqualTo(realm + ",scope=\"repository:library/hello:pull\"");
    assertThat(challenge(registry.http.send(registry.http.request("/v2/library/hello/tags/list"))))
        .isEqualTo(realm + ",scope=\"repository:library/hello:pull\"");
    assertThat(challenge(registry.http.send(registry.http.request("/v2/_catalog"))))
        .isEqualTo(realm + ",scope=\"registry:catalog:*\"");
    HttpResponse<byte[]> response = registry.http.send(
        registry.http.request("/v2/library/hello/blobs/" + registry.hello.configDigest()));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.text(response)).isEqualTo(
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
  }

  @Test
  void denialIsIdenticalForExistingAndMissingRepositories() {
    String bearer = "Bearer " + token("team", "repository:library/hello:pull", "repository:library/nope:pull");
    for (String authorization : List.of(TestRegistry.basic("team"), bearer)) {
      HttpResponse<byte[]> existing = registry.http.get("/v2/library/hello/manifests/latest", authorization);
      HttpResponse<byte[]> missing = registry.http.get("/v2/library/nope/manifests/latest", authorization);
      assertThat(existing.statusCode()).isEqualTo(401);
      assertThat(existing.body()).isEqualTo(missing.body());
      assertThat(comparableHeaders(existing)).isEqualTo(comparableHeaders(missing).entrySet().stream()
          .collect(TreeMap::new, (m, e) -> m.put(e.getKey(), e.getValue().stream()
              .map(v -> v.replace("library/nope", "library/hello")).toList()), Map::putAll));
      assertThat(challenge(existing)).endsWith(",scope=\"repository:library/hello:pull\",error=\"insufficient_scope\"");
      assertThat(new String(existing.body(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"code\":\"UNAUTHORIZED\"", "\"message\":\"not allowed for this token\"");
      for (String path : List.of("/blobs/" + registry.hello.configDigest(), "/tags/list")) {
        assertThat(registry.http.get("/v2/library/hello" + path, authorization).body())
            .isEqualTo(registry.http.get("/v2/library/nope" + path, authorization).body());
      }
    }
  }

  @Test
  void catalogIsFilteredToWhatTheTokenMaySee() {
    assertThat(Http.text(registry.http.get("/v2/_catalog", TestRegistry.basic("team"))))
        .isEqualTo("{\"repositories\":[\"team/app\"]}");
    String bearer = "Bearer " + token("team", "registry:catalog:*");
    assertThat(Http.text(registry.http.get("/v2/_catalog", bearer))).isEqualTo("{\"repositories\":[\"team/app\"]}");
    String noCatalog = "Bearer " + token("all", "repository:team/app:pull");
    assertThat(registry.http.get("/v2/_catalog", noCatalog).statusCode()).isEqualTo(401);
  }

  @Test
  void tagListNeedsMetadataRead() {
    String pullOnly = TestRegistry.basic("pullonly");
    assertThat(registry.http.get("/v2/library/hello/manifests/latest", pullOnly).statusCode()).isEqualTo(200);
    assertThat(registry.http.get("/v2/library/hello/tags/list", pullOnly).statusCode()).isEqualTo(401);
  }

  @Test
  void foreignOrGarbageBearerTokensAre401() {
    assertThat(registry.http.get("/v2/", "Bearer not.a.jwt").statusCode()).isEqualTo(401);
    assertThat(registry.http.get("/v2/", "Bearer " + token("all")).statusCode()).isEqualTo(200);
  }

  private String token(String client, String... scopes) {
    return token(registry, client, scopes);
  }

  static String token(TestRegistry registry, String client, String... scopes) {
    StringBuilder query = new StringBuilder("/oauth2/token?service=" + registry.server.service());
    for (String scope : scopes) {
      query.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> response = registry.http.get(query.toString(), TestRegistry.basic(client));
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      return JSON.readTree(response.body()).get("token").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Object accessClaim(String jwt) throws Exception {
    return SignedJWT.parse(jwt).getJWTClaimsSet().getClaim("access");
  }

  static String challenge(HttpResponse<byte[]> response) {
    assertThat(response.statusCode()).isEqualTo(401);
    return response.headers().firstValue("WWW-Authenticate").orElseThrow();
  }

  private static Map<String, List<String>> comparableHeaders(HttpResponse<byte[]> response) {
    Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
    headers.remove("date");
    return headers;
  }

  private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return HttpRequest.BodyPublishers.ofString(body.toString());
  }
}
