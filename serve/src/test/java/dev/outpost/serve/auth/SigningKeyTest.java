package dev.outpost.serve.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
  @TempDir
  Path dir;

  @Test
  void aKeyCreatedOnceIsTheKeyLoadedLaterAndOnlyItsOwnerCanReadIt() throws Exception {
    Path file = dir.resolve("token-signing.key");

    SigningKey created = SigningKey.loadOrCreate(file);
    SigningKey loaded = SigningKey.loadOrCreate(file);

    assertThat(loaded.bytes()).isEqualTo(created.bytes()).hasSize(32);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(dir.resolve("token-signing.key.tmp")).doesNotExist();
    assertThat(loaded.toString()).doesNotContain(new String(loaded.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void aCutKeyFileIsRefusedNamingTheFile() throws Exception {
    Path file = Files.write(dir.resolve("token-signing.key"), new byte[7]);

    assertThatThrownBy(() -> SigningKey.loadOrCreate(file))
        .hasMessageContaining(file.toString()).hasMessageContaining("7 bytes");
  }

  @Test
  void randomKeysDiffer() {
    assertThat(SigningKey.random().bytes()).isNotEqualTo(SigningKey.random().bytes());
  }
}
