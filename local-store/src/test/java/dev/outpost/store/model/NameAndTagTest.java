package dev.outpost.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NameAndTagTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "hello", "library/hello", "a-b", "a--b", "a__b", "a_b", "a.b", "team/a/b/c", "0/1"})
  void acceptsValidRepositoryNames(String value) {
    assertThat(RepositoryName.of(value).value()).isEqualTo(value);
  }

  @Test
  void acceptsA255CharacterRepositoryNameAndNoLonger() {
    String longest = "a/".repeat(127) + "a";
    assertThat(longest).hasSize(255);
    assertThat(RepositoryName.of(longest).value()).isEqualTo(longest);
    assertThatThrownBy(() -> RepositoryName.of(longest + "a"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.NAME));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"A", "Library/hello", "a/", "/a", "a//b", "-a", "a-", "a___b", "a..b", ".a", "a b", "a:b", "a@b",
      "a/../b"})
  void rejectsInvalidRepositoryNames(String value) {
    assertThatThrownBy(() -> RepositoryName.of(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.NAME));
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "1.0", "v1.2.3-rc.1", "_x", "A", "a_b-c.d", "0"})
  void acceptsValidTags(String value) {
    assertThat(Tag.of(value).value()).isEqualTo(value);
  }

  @Test
  void acceptsA128CharacterTagAndNoLonger() {
    assertThat(Tag.of("t".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> Tag.of("t".repeat(129))).isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {".a", "-a", "a:b", "a/b", "a b", "a@b", "ä"})
  void rejectsInvalidTags(String value) {
    assertThatThrownBy(() -> Tag.of(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.TAG));
  }

  @Test
  void tagsOrderLexically() {
    assertThat(Tag.of("B")).isLessThan(Tag.of("a"));
    assertThat(Tag.of("1.0")).isLessThan(Tag.of("1.10"));
  }
}
