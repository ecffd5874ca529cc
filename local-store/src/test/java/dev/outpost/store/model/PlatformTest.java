package dev.outpost.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "linux/amd64 | linux | amd64 | - ",
      "linux/arm64/v8 | linux | arm64 | v8",
      "windows/amd64 | windows | amd64 | -",
  })
  void parses(String value, String os, String architecture, String variant) {
    Platform platform = Platform.parse(value);
    assertThat(platform).isEqualTo(new Platform(os, architecture, variant));
    assertThat(platform.toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"linux", "linux/", "/amd64", "linux/arm64/v8/x", " /amd64"})
  void rejectsInvalidPlatforms(String value) {
    assertThatThrownBy(() -> Platform.parse(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.PLATFORM));
  }

  @ParameterizedTest
  @CsvSource({
      "linux/amd64, linux/amd64, true",
      "linux/arm64, linux/arm64/v8, true",
      "linux/arm64/v8, linux/arm64/v8, true",
      "linux/arm64/v8, linux/arm64, false",
      "linux/arm/v7, linux/arm/v6, false",
      "linux/amd64, linux/arm64, false",
      "linux/amd64, windows/amd64, false",
  })
  void filterAdmitsMatchingPlatforms(String filter, String candidate, boolean admitted) {
    assertThat(Platform.parse(filter).admits(Platform.parse(candidate))).isEqualTo(admitted);
  }
}
