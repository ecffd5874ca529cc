package dev.outpost.serve.it;

import static dev.outpost.serve.it.AuthFlowTest.challenge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.auth.ClientToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials that stop working: expiry (by moving the injected clock) and disabling. Fresh registry per test. */
class CredentialLifetimeTest {
  TestRegistry registry;

  @BeforeEach
  void start(@TempDir Path directory) {
    registry = new TestRegistry(directory);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private String token(String client, String... scopes) {
    return AuthFlowTest.token(registry, client, scopes);
  }

  @Test
  void expiredAccessTokensAre401() {
    String bearer = "Bearer " + token("all", "repository:library/hello:pull");
    assertThat(registry.http.get("/v2/library/hello/manifests/latest", bearer).statusCode()).isEqualTo(200);
    registry.clock.advance(TestRegistry.TOKEN_TTL.plusSeconds(60));
    HttpResponse<byte[]> expired = registry.http.get("/v2/library/hello/manifests/latest", bearer);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(challenge(expired)).doesNotContain("insufficient_scope");
  }

  @Test
  void expiredClientTokensAre401() {
    assertThat(registry.http.get("/v2/", TestRegistry.basic("expiring")).statusCode()).isEqualTo(200);
    registry.clock.advance(Duration.ofHours(2));
    assertThat(registry.http.get("/v2/", TestRegistry.basic("expiring")).statusCode()).isEqualTo(401);
    assertThat(registry.http.get("/oauth2/token?scope=repository:library/hello:pull", TestRegistry.basic("expiring"))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void disabledTokensAre401EvenWithAnAccessTokenIssuedBefore() {
    assertThat(registry.http.get("/v2/", TestRegistry.basic("disabled")).statusCode()).isEqualTo(401);
    assertThat(registry.http.get("/oauth2/token", TestRegistry.basic("disabled")).statusCode()).isEqualTo(401);
    String bearer = "Bearer " + token("team", "repository:team/app:pull");
    ClientToken team = registry.store.token("team").orElseThrow();
    registry.store.putToken(team.withEnabled(false));
    assertThat(registry.http.get("/v2/team/app/manifests/latest", bearer).statusCode()).isEqualTo(401);
  }
}
