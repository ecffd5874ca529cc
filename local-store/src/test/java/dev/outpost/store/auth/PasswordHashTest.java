package dev.outpost.store.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void matchesOnlyTheHashedPassword() {
    PasswordHash hash = PasswordHash.of("correct horse");
    assertThat(hash.matches("correct horse")).isTrue();
    assertThat(hash.matches("correct horsE")).isFalse();
    assertThat(hash.matches("")).isFalse();
    assertThat(hash.matches(null)).isFalse();
  }

  @Test
  void sameTwoPasswordsGetDifferentSaltsAndHashes() {
    PasswordHash first = PasswordHash.of("same");
    PasswordHash second = PasswordHash.of("same");
    assertThat(first).isNotEqualTo(second);
    assertThat(first.salt()).isNotEqualTo(second.salt());
    assertThat(first.salt()).hasSize(16);
    assertThat(first.hash()).hasSize(32);
  }

  @Test
  void survivesARoundTripThroughItsParts() {
    PasswordHash hash = PasswordHash.of("pw");
    PasswordHash copy = new PasswordHash(hash.salt(), hash.hash());
    assertThat(copy).isEqualTo(hash);
    assertThat(copy.matches("pw")).isTrue();
  }

  @Test
  void toStringShowsNoHash() {
    PasswordHash hash = PasswordHash.of("secret");
    String text = hash.toString();
    assertThat(text).doesNotContain(HexFormat.of().formatHex(hash.hash()))
        .doesNotContain(HexFormat.of().formatHex(hash.hash(), 0, 4))
        .doesNotContain(Base64.getEncoder().encodeToString(hash.hash()))
        .doesNotContain("secret");
  }

  @Test
  void generatedPasswordsAre256RandomBits() {
    String password = PasswordHash.generatePassword();
    assertThat(password).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(PasswordHash.generatePassword()).isNotEqualTo(password);
  }
}
