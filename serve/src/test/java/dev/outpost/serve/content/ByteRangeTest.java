package dev.outpost.serve.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
  @ParameterizedTest(name = "{0} of 100 -> {1}")
  @CsvSource(nullValues = "none", value = {
      "none, whole",
      "bytes=0-9, 0-9",
      "bytes=90-, 90-99",
      "bytes=90-1000, 90-99",
      "bytes=-10, 90-99",
      "bytes=-1000, 0-99",
      "bytes=99-99, 99-99",
      "bytes=100-, unsatisfiable",
      "bytes=100-200, unsatisfiable",
      "bytes=-0, unsatisfiable",
      "bytes=0-1|5-6, whole",
      "bytes=9-3, whole",
      "items=0-9, whole",
      "bytes=-, whole",
      "bytes=a-b, whole",
      "bytes=99999999999999999999-, whole",
  })
  void resolvesAgainstTheSize(String header, String expected) {
    ByteRange.Request request = ByteRange.parse(Optional.ofNullable(header).map(h -> h.replace('|', ',')), 100);
    String actual = switch (request) {
      case ByteRange.Whole w -> "whole";
      case ByteRange.Unsatisfiable u -> "unsatisfiable";
      case ByteRange.Partial p -> p.range().start() + "-" + p.range().endInclusive();
    };
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, 9, 10, bytes 0-9/100", "90, 99, 10, bytes 90-99/100"})
  void lengthAndContentRange(long start, long end, long length, String contentRange) {
    ByteRange range = new ByteRange(start, end);
    assertThat(range.length()).isEqualTo(length);
    assertThat(range.contentRange(100)).isEqualTo(contentRange);
  }
}
