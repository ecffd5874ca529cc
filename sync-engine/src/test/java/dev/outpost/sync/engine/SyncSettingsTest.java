package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.sync.http.RetrySettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings record is the one place the sync settings are checked; errors name the setting. */
class SyncSettingsTest {
  @ParameterizedTest(name = "chunk {0} MB, {1} at once, stall {2}")
  @CsvSource(delimiter = '|', textBlock = """
      0    | 4  | PT20S  | chunkSizeMb: must be between 1 and 1024 (got 0)
      1025 | 4  | PT20S  | chunkSizeMb: must be between 1 and 1024 (got 1025)
      8    | 0  | PT20S  | concurrency: must be between 1 and 64 (got 0)
      8    | 65 | PT20S  | concurrency: must be between 1 and 64 (got 65)
      8    | 4  | PT0.5S | stallTimeout: must be between PT1S and PT1H (got PT0.5S)
      8    | 4  | PT2H   | stallTimeout: must be between PT1S and PT1H (got PT2H)
      """)
  void refusesOutOfRangeValuesNamingTheSetting(int chunkSizeMb, int concurrency, Duration stall, String expected) {
    assertThatThrownBy(() -> settings(chunkSizeMb, concurrency, stall))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage(expected)
        .satisfies(e -> assertThat(expected).startsWith(((InvalidSettingException) e).setting() + ": "));
  }

  @ParameterizedTest(name = "chunk {0} MB, {1} at once, stall {2}")
  @CsvSource({"1, 1, PT1S", "1024, 64, PT1H"})
  void acceptsTheBounds(int chunkSizeMb, int concurrency, Duration stall) {
    assertThat(settings(chunkSizeMb, concurrency, stall).chunkSizeBytes()).isEqualTo(chunkSizeMb * 1024L * 1024L);
  }

  private static SyncSettings settings(int chunkSizeMb, int concurrency, Duration stall) {
    return new SyncSettings(List.of(), List.of(), chunkSizeMb, concurrency, RetrySettings.defaults(), stall);
  }
}
