package dev.outpost.serve.it;

import static dev.outpost.serve.it.AuthFlowTest.challenge;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.auth.PasswordSlot;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens end with the password they were obtained with: rotating a slot, disabling the token,
 * or deleting and re-creating it refuses bearer tokens issued before, on the next request and over
 * real HTTP, while tokens from the other slot keep working. The token {@code team} gets a second
 * password in slot 2 for these tests.
 */
class PasswordSlotRevocationTest {
  private static final String MANIFEST = "/v2/team/app/manifests/latest";
  private static final String SECOND = "second-password-in-slot-2";

  TestRegistry registry;

  @BeforeEach
  void start(@TempDir Path directory) {
    registry = new TestRegistry(directory);
    registry.store.putToken(team().withSlot(2, PasswordSlot.of(SECOND, Optional.empty())));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void rotatingSlot1RefusesItsOldPasswordAndItsBearerTokensWhileSlot2KeepsPulling() {
    String fromSlot1 = bearer(TokenFixtures.PASSWORD);
    String fromSlot2 = bearer(SECOND);
    assertThat(status(fromSlot1)).isEqualTo(200);

    registry.store.putToken(team().withSlot(1, PasswordSlot.of("rotated-password-1", Optional.empty())));

    assertThat(challenge(registry.http.get(MANIFEST, fromSlot1))).doesNotContain("insufficient_scope");
    assertThat(status(Http.basic("team", TokenFixtures.PASSWORD))).isEqualTo(401);
    assertThat(tokenRequest(TokenFixtures.PASSWORD)).isEqualTo(401);
    assertThat(status(fromSlot2)).isEqualTo(200);
    assertThat(status(Http.basic("team", SECOND))).isEqualTo(200);
    assertThat(status(bearer("rotated-password-1"))).isEqualTo(200);
  }

  @Test
  void rotatingToTheSamePasswordTextStillEndsTheOldBearerTokens() {
    String fromSlot1 = bearer(TokenFixtures.PASSWORD);

    registry.store.putToken(team().withSlot(1, PasswordSlot.of(TokenFixtures.PASSWORD, Optional.empty())));

    assertThat(status(fromSlot1)).isEqualTo(401);
    assertThat(status(bearer(TokenFixtures.PASSWORD))).isEqualTo(200);
  }

  @Test
  void disablingRefusesBearerTokensAlreadyIssuedAndEnablingRestoresThem() {
    String fromSlot2 = bearer(SECOND);

    registry.store.putToken(team().withEnabled(false));
    assertThat(status(fromSlot2)).isEqualTo(401);
    assertThat(tokenRequest(SECOND)).isEqualTo(401);

    registry.store.putToken(team().withEnabled(true));
    assertThat(status(fromSlot2)).isEqualTo(200);
  }

  @Test
  void aDeletedTokenRecreatedUnderTheSameNameDoesNotHonourTheOldOnesBearerTokens() {
    String old = bearer(TokenFixtures.PASSWORD);
    ClientToken before = team();

    registry.store.deleteToken("team");
    assertThat(status(old)).isEqualTo(401);
    registry.store.putToken(new ClientToken("team", before.rules(),
        Optional.of(PasswordSlot.of(TokenFixtures.PASSWORD, Optional.empty())), Optional.empty(), true));

    assertThat(status(old)).isEqualTo(401);
  }

  @Test
  void aSlotPastItsExpiryNoLongerHonoursItsBearerTokens() {
    registry.store.putToken(team().withSlot(2,
        PasswordSlot.of(SECOND, Optional.of(TestRegistry.START.plus(Duration.ofMinutes(2))))));
    String fromSlot2 = bearer(SECOND);
    String fromSlot1 = bearer(TokenFixtures.PASSWORD);

    registry.clock.advance(Duration.ofMinutes(3));

    assertThat(status(fromSlot2)).isEqualTo(401);
    assertThat(status(fromSlot1)).isEqualTo(200);
  }

  private ClientToken team() {
    return registry.store.token("team").orElseThrow();
  }

  private int status(String authorization) {
    return registry.http.get(MANIFEST, authorization).statusCode();
  }

  private int tokenRequest(String password) {
    return registry.http.get("/oauth2/token?scope=" + URLEncoder.encode("repository:team/app:pull", StandardCharsets.UTF_8),
        Http.basic("team", password)).statusCode();
  }

  private String bearer(String password) {
    var response = registry.http.get("/oauth2/token?service=" + registry.server.service() + "&scope="
        + URLEncoder.encode("repository:team/app:pull", StandardCharsets.UTF_8), Http.basic("team", password));
    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
    return "Bearer " + Http.text(response).replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }
}
