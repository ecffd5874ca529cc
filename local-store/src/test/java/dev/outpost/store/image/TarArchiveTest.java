package dev.outpost.store.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TarArchiveTest {

  @ParameterizedTest
  @CsvSource({"0, 1536", "1, 2048", "511, 2048", "512, 2048", "513, 2560"})
  void archiveIsHeaderPaddedContentAndTwoZeroBlocks(int size, int expectedLength) {
    byte[] content = RandomContent.bytes(size, size);

    byte[] tar = TarArchive.singleFile("dir/file.bin", content);

    assertThat(tar).hasSize(expectedLength);
    assertThat(new String(tar, 0, 12, StandardCharsets.US_ASCII)).isEqualTo("dir/file.bin");
    assertThat(Long.parseLong(field(tar, 124, 11), 8)).isEqualTo(size);
    assertThat(field(tar, 257, 5)).isEqualTo("ustar");
    assertThat(Arrays.copyOfRange(tar, 512, 512 + size)).isEqualTo(content);
    assertThat(Arrays.copyOfRange(tar, tar.length - 1024, tar.length)).containsOnly(0);
  }

  @ParameterizedTest
  @CsvSource({"0", "100", "4096"})
  void headerChecksumMatchesTheUstarDefinition(int size) {
    byte[] tar = TarArchive.singleFile("a", new byte[size]);

    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : tar[i] & 0xff;
    }
    assertThat(Long.parseLong(field(tar, 148, 6), 8)).isEqualTo(sum);
  }

  @ParameterizedTest
  @CsvSource({"''", "a-name-that-is-much-longer-than-one-hundred-bytes-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void rejectsNamesUstarCannotHoldInItsNameField(String name) {
    assertThatThrownBy(() -> TarArchive.singleFile(name, new byte[1])).isInstanceOf(IllegalArgumentException.class);
  }

  private static String field(byte[] tar, int offset, int length) {
    return new String(tar, offset, length, StandardCharsets.US_ASCII);
  }
}
