package dev.outpost.sync.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.outpost.sync.http.UnusableResponseException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenClientTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private final TokenClient client =
      new TokenClient(new OkHttpClient(), Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

  private BearerToken parse(String json) throws Exception {
    return client.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  @Test
  void acceptsTokenWithExpiresIn() throws Exception {
    BearerToken t = parse("{\"token\":\"abc\",\"expires_in\":300}");
    assertThat(t.value()).isEqualTo("abc");
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void acceptsAccessTokenAndReadsJwtExpiryWithoutVerifying() throws Exception {
    String jwt = new PlainJWT(new PlainHeader(),
        new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(1200))).build()).serialize();

    BearerToken t = parse("{\"access_token\":\"" + jwt + "\"}");

    assertThat(t.value()).isEqualTo(jwt);
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(1200));
  }

  @Test
  void defaultsToSixtySecondsForAnOpaqueToken() throws Exception {
    assertThat(parse("{\"token\":\"opaque\"}").expiresAt()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void refusesAResponseWithoutAToken() {
    assertThatThrownBy(() -> parse("{\"expires_in\":3}")).isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("neither token nor access_token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://h/token", "/relative/token", "javascript:alert(1)"})
  void rejectsRealmsThatAreNotHttp(String realm) {
    Challenge bearer = new Challenge("Bearer", Map.of("realm", realm), Optional.empty());
    assertThatThrownBy(() -> TokenClient.realmUrl(bearer)).isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("not an http(s) URL");
  }

  @Test
  void tokenToStringIsRedacted() throws Exception {
    assertThat(parse("{\"token\":\"sekrit\"}").toString()).doesNotContain("sekrit");
  }
}
