package dev.outpost.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class DigestTest {
  private static final String HEX64 = "a".repeat(64);

  @ParameterizedTest
  @CsvSource({
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, sha256, e3b0c44298fc",
      "sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, sha512, 0123456789ab",
  })
  void parsesValidDigests(String value, String algorithm, String shortHex) {
    Digest digest = Digest.parse(value);
    assertThat(digest.algorithm()).isEqualTo(algorithm);
    assertThat(digest.shortHex()).isEqualTo(shortHex);
    assertThat(digest.toString()).isEqualTo(value);
    assertThat(Digest.parse(value)).isEqualTo(digest).hasSameHashCodeAs(digest);
    // The hash of every earlier version: iteration orders of hashed collections do not change.
    assertThat(digest.hashCode()).isEqualTo(Objects.hash(algorithm, digest.hex()));
  }

  static Stream<String> invalidDigests() {
    return Stream.of(
        "sha256", "sha256:", ":" + HEX64, "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:" + "A" + HEX64.substring(1), "sha256:" + HEX64 + "a", "sha256:" + HEX64.substring(1),
        "sha256:g" + HEX64.substring(1), "sha256:" + HEX64.substring(1) + " ",
        "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha512:" + HEX64, " sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @MethodSource("invalidDigests")
  void rejectsInvalidDigests(String value) {
    assertThatThrownBy(() -> Digest.parse(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.DIGEST));
  }

  @Test
  void sha256OfKnownInput() {
    assertThat(Digest.sha256("".getBytes(StandardCharsets.UTF_8)).toString())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Digest.sha256("abc".getBytes(StandardCharsets.UTF_8)).hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void matchesOnlyItsOwnHash() {
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(abc);
    assertThat(digest.matches(digest.newHasher().digest(abc))).isTrue();
    assertThat(digest.matches(digest.newHasher().digest("abd".getBytes(StandardCharsets.UTF_8)))).isFalse();
  }
}
