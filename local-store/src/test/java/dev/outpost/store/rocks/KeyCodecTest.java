package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyCodecTest {
  private static final Digest DIGEST =
      Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  @Test
  void keysSplitBackIntoTheirComponents() {
    byte[] key = KeyCodec.tag(RepositoryName.of("team/a"), Tag.of("v1.0"));
    assertThat(KeyCodec.split(key)).containsExactly("team/a", "v1.0");
    assertThat(KeyCodec.repositoryOf(key)).isEqualTo(RepositoryName.of("team/a"));
    assertThat(KeyCodec.tagOf(key)).isEqualTo(Tag.of("v1.0"));
    assertThat(KeyCodec.split(KeyCodec.referrer(RepositoryName.of("r"), DIGEST, DIGEST)))
        .containsExactly("r", DIGEST.toString(), DIGEST.toString());
  }

  /** Bytewise order of keys (RocksDB's) must be the lexical order of repositories, then tags. */
  @ParameterizedTest
  @CsvSource({
      "a, z, a/b, a",
      "a, z, ab, a",
      "a/b, z, a0, a",
      "team, z, team/a, a",
      "x, B, x, a",
      "x, 1.0, x, 1.10",
  })
  void byteOrderIsLexicalOrder(String firstRepo, String firstTag, String secondRepo, String secondTag) {
    byte[] first = KeyCodec.tag(RepositoryName.of(firstRepo), Tag.of(firstTag));
    byte[] second = KeyCodec.tag(RepositoryName.of(secondRepo), Tag.of(secondTag));
    assertThat(Arrays.compareUnsigned(first, second)).isNegative();
  }

  @Test
  void aRepositoryPrefixMatchesOnlyThatRepository() {
    byte[] prefix = KeyCodec.repositoryPrefix(RepositoryName.of("team"));
    assertThat(RocksIndex.startsWith(KeyCodec.tag(RepositoryName.of("team"), Tag.of("x")), prefix)).isTrue();
    for (String other : List.of("teamx", "team/a", "tea")) {
      assertThat(RocksIndex.startsWith(KeyCodec.tag(RepositoryName.of(other), Tag.of("x")), prefix)).as(other).isFalse();
    }
  }

  @Test
  void afterRepositorySortsAfterEveryKeyOfItAndBeforeTheNextRepository() {
    RepositoryName team = RepositoryName.of("team");
    byte[] after = KeyCodec.afterRepository(team);
    assertThat(Arrays.compareUnsigned(KeyCodec.manifest(team, DIGEST), after)).isNegative();
    assertThat(Arrays.compareUnsigned(after, KeyCodec.manifest(RepositoryName.of("team/a"), DIGEST))).isNegative();
    assertThat(Arrays.compareUnsigned(after, KeyCodec.manifest(RepositoryName.of("team0"), DIGEST))).isNegative();
  }

  @Test
  void rejectsComponentsWithNulAndUnterminatedKeys() {
    assertThatThrownBy(() -> KeyCodec.join("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyCodec.split(new byte[] {'a'})).isInstanceOf(IllegalArgumentException.class);
  }
}
