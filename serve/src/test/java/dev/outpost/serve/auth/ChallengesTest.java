package dev.outpost.serve.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.http.HttpURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChallengesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://registry.site:5000/v2/, http://registry.site:5000/oauth2/token",
      "https://registry.site/v2/, https://registry.site/oauth2/token",
      "http://[::1]:5000/v2/, http://[::1]:5000/oauth2/token",
      "http://10.0.0.7:5000/v2/x/manifests/y, http://10.0.0.7:5000/oauth2/token",
  })
  void realmFollowsTheRequest(String requestUri, String realm) {
    Challenges challenges = new Challenges("svc", Optional.empty(), "fallback:5000");
    assertThat(challenges.realm(HttpURI.from(requestUri))).isEqualTo(realm);
  }

  @ParameterizedTest
  @CsvSource({"https://outpost.example.com", "https://outpost.example.com/"})
  void aConfiguredPublicUrlWins(String publicUrl) {
    Challenges challenges = new Challenges("svc", Optional.of(URI.create(publicUrl)), "fallback:5000");
    assertThat(challenges.realm(HttpURI.from("http://127.0.0.1:5000/v2/")))
        .isEqualTo("https://outpost.example.com/oauth2/token");
  }

  @Test
  void aRequestWithoutHostUsesTheFallback() {
    Challenges challenges = new Challenges("svc", Optional.empty(), "fallback:5000");
    assertThat(challenges.realm(HttpURI.build().path("/v2/"))).isEqualTo("http://fallback:5000/oauth2/token");
  }
}
