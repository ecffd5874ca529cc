package dev.outpost.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceTest {
  private static final String DIGEST = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @ParameterizedTest
  @CsvSource({
      "latest, ByTag",
      "v1.0, ByTag",
      DIGEST + ", ByDigest",
  })
  void parsesTagsAndDigests(String value, String kind) {
    Reference reference = Reference.parse(value);
    assertThat(reference.getClass().getSimpleName()).isEqualTo(kind);
    assertThat(reference.toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({
      "sha256:abc, DIGEST",
      "md5:abc, DIGEST",
      ":x, DIGEST",
      "a/b, TAG",
      ".hidden, TAG",
      "'', TAG",
  })
  void rejectsInvalidReferencesWithTheirKind(String value, InvalidValueException.Kind kind) {
    assertThatThrownBy(() -> Reference.parse(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
