package dev.outpost.sync.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BandwidthTest {
  @ParameterizedTest(name = "{0} = {1} B/s")
  @CsvSource({
      "20Mbit, 2500000",
      "20mbit, 2500000",
      "2Mbit/s, 250000",
      "512kbit, 64000",
      "1Gbit, 125000000",
      "100Mbps, 12500000",
      "2.5MB, 2500000",
      "800KB, 800000",
      "4MiB, 4194304",
      "1GiB, 1073741824",
      "1000, 1000",
      "'  8 MB ', 8000000",
  })
  void bitsAndBytesBothParse(String text, long bytesPerSecond) {
    assertThat(Bandwidth.parse(text).bytesPerSecond()).isEqualTo(bytesPerSecond);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "fast", "-1MB", "0Mbit", "10 parsecs", "1bit"})
  void nonsenseIsRefusedWithAnExample(String text) {
    assertThatThrownBy(() -> Bandwidth.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void aLoneLowerCaseBIsAmbiguous() {
    assertThatThrownBy(() -> Bandwidth.parse("20b")).hasMessageContaining("ambiguous");
  }
}
