package dev.outpost.sync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WwwAuthenticateParserTest {

  static Stream<Arguments> singleChallenges() {
    return Stream.of(
        Arguments.of("Basic realm=\"Registry Realm\"", "Basic", Map.of("realm", "Registry Realm")),
        Arguments.of("basic realm=simple", "basic", Map.of("realm", "simple")),
        Arguments.of("Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:library/hello:pull\"",
            "Bearer", Map.of("realm", "https://auth.example/token", "service", "registry.example",
                "scope", "repository:library/hello:pull")),
        Arguments.of("Bearer realm=\"https://a/t\" , service = \"s\"", "Bearer",
            Map.of("realm", "https://a/t", "service", "s")),
        Arguments.of("Bearer scope=\"repository:a:pull,push repository:b:pull\"", "Bearer",
            Map.of("scope", "repository:a:pull,push repository:b:pull")),
        Arguments.of("Basic realm=\"say \\\"hi\\\" \\\\ back\"", "Basic", Map.of("realm", "say \"hi\" \\ back")),
        Arguments.of("Bearer REALM=\"x\"", "Bearer", Map.of("realm", "x")),
        Arguments.of("Bearer", "Bearer", Map.of()),
        Arguments.of("Bearer error=\"insufficient_scope\",realm=\"r\"", "Bearer",
            Map.of("error", "insufficient_scope", "realm", "r")));
  }

  @ParameterizedTest
  @MethodSource("singleChallenges")
  void parsesOneChallenge(String header, String scheme, Map<String, String> params) {
    List<Challenge> challenges = WwwAuthenticateParser.parse(header);

    assertThat(challenges).hasSize(1);
    assertThat(challenges.get(0).scheme()).isEqualTo(scheme);
    assertThat(challenges.get(0).params()).isEqualTo(params);
    assertThat(challenges.get(0).token68()).isEmpty();
  }

  static Stream<Arguments> token68Cases() {
    return Stream.of(
        Arguments.of("Negotiate abc123", "abc123"),
        Arguments.of("Negotiate YWxhZGRpbjpvcGVuc2VzYW1l==", "YWxhZGRpbjpvcGVuc2VzYW1l=="),
        Arguments.of("Negotiate a+b/c-d._~", "a+b/c-d._~"));
  }

  @ParameterizedTest
  @MethodSource("token68Cases")
  void parsesToken68(String header, String token68) {
    List<Challenge> challenges = WwwAuthenticateParser.parse(header);

    assertThat(challenges).singleElement().satisfies(c -> {
      assertThat(c.token68()).contains(token68);
      assertThat(c.params()).isEmpty();
    });
  }

  @Test
  void parsesSeveralChallengesWithCommasInsideQuotes() {
    String header = "Newauth realm=\"apps, and more\", type=1, title=\"Login to \\\"apps\\\"\", "
        + "Basic realm=\"simple\", Negotiate abc==, Bearer realm=\"https://t/x\",service=\"s\"";

    List<Challenge> challenges = WwwAuthenticateParser.parse(header);

    assertThat(challenges).extracting(Challenge::scheme).containsExactly("Newauth", "Basic", "Negotiate", "Bearer");
    assertThat(challenges.get(0).params()).containsExactlyInAnyOrderEntriesOf(
        Map.of("realm", "apps, and more", "type", "1", "title", "Login to \"apps\""));
    assertThat(challenges.get(1).param("REALM")).contains("simple");
    assertThat(challenges.get(2).token68()).isEqualTo(Optional.of("abc=="));
    assertThat(challenges.get(3).param("service")).contains("s");
  }

  @Test
  void bareSchemesSeparatedByCommasAreSeparateChallenges() {
    assertThat(WwwAuthenticateParser.parse("Bearer, Basic realm=x"))
        .extracting(Challenge::scheme).containsExactly("Bearer", "Basic");
  }

  @Test
  void combinesSeveralHeaderLines() {
    assertThat(WwwAuthenticateParser.parseAll(List.of("Basic realm=a", "Bearer realm=b")))
        .extracting(Challenge::scheme).containsExactly("Basic", "Bearer");
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"", "   ", ",,, ,"})
  void emptyHeadersHaveNoChallenges(String header) {
    assertThat(WwwAuthenticateParser.parse(header)).isEmpty();
  }

  @Test
  void unterminatedQuoteKeepsWhatThereIs() {
    assertThat(WwwAuthenticateParser.parse("Basic realm=\"open"))
        .singleElement().satisfies(c -> assertThat(c.param("realm")).contains("open"));
  }
}
