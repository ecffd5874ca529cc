package dev.outpost.store.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.RepositoryName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPatternTest {
  @ParameterizedTest
  @CsvSource({
      "team/*, team/a, true",
      "team/*, team/a/b, true",
      "team/*, teamx/a, false",
      "team/*, team, false",
      "team/*, other/team/a, false",
      "a/b/*, a/b/c, true",
      "a/b/*, a/bc/d, false",
      "library/hello, library/hello, true",
      "library/hello, library/hello2, false",
      "library/hello, library/hello/x, false",
      "library/hello, library, false",
  })
  void matches(String pattern, String repository, boolean matches) {
    assertThat(RepositoryPattern.parse(pattern).matches(RepositoryName.of(repository))).isEqualTo(matches);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"*", "/*", "team*", "team/*/x", "team/a*", "Team/*", "team/**", "team//*"})
  void rejectsInvalidPatterns(String value) {
    assertThatThrownBy(() -> RepositoryPattern.parse(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.PATTERN));
  }

  @ParameterizedTest
  @CsvSource({"team/*, true, team/", "library/hello, false, library/hello"})
  void exposesWildcardAndPrefix(String pattern, boolean wildcard, String prefix) {
    RepositoryPattern parsed = RepositoryPattern.parse(pattern);
    assertThat(parsed.isWildcard()).isEqualTo(wildcard);
    assertThat(parsed.prefix()).isEqualTo(prefix);
  }
}
