package dev.outpost.serve.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
  private static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesBasicWithColonsInThePassword() {
    assertThat(Credentials.parse(basic("ci:pa:ss"))).isEqualTo(new Credentials.Basic("ci", "pa:ss"));
    assertThat(Credentials.parse("basic " + basic("ci:x").substring(6))).isEqualTo(new Credentials.Basic("ci", "x"));
  }

  @Test
  void parsesBearer() {
    assertThat(Credentials.parse("Bearer abc.def.ghi")).isEqualTo(new Credentials.Bearer("abc.def.ghi"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Basic", "Basic !!!notbase64", "Basic " + "Y2k=", "Bearer ", "Digest x=y", "Negotiate abc"})
  void anythingElseIsNone(String header) {
    assertThat(Credentials.parse(header)).isEqualTo(new Credentials.None());
  }

  @Test
  void toStringHidesSecrets() {
    assertThat(Credentials.parse(basic("ci:s3cret")).toString()).doesNotContain("s3cret");
    assertThat(Credentials.parse("Bearer s3cret").toString()).doesNotContain("s3cret");
  }
}
