package dev.outpost.serve.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {
  @Test
  void parsesTypeNameAndSeveralActions() {
    assertThat(Scope.parse("repository:library/hello:pull,push"))
        .contains(new Scope("repository", "library/hello", Set.of("pull", "push")));
    assertThat(Scope.parse("registry:catalog:*")).contains(Scope.catalog());
  }

  @Test
  void nameIsBetweenFirstAndLastColon() {
    assertThat(Scope.parse("repository:host:5000/x:pull")).contains(Scope.pull("host:5000/x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "repository", "repository:x", "repository:x:", ":x:pull", "repository::pull"})
  void malformedScopesAreDropped(String value) {
    assertThat(Scope.parse(value)).isEmpty();
  }

  @Test
  void parseAllTakesRepeatedParametersAndSpaceSeparatedLists() {
    assertThat(Scope.parseAll(List.of("repository:a:pull", "repository:b:pull registry:catalog:*  bogus")))
        .containsExactly(Scope.pull("a"), Scope.pull("b"), Scope.catalog());
  }

  @Test
  void printsInWireForm() {
    assertThat(Scope.pull("library/hello")).hasToString("repository:library/hello:pull");
  }
}
