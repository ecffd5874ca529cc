package dev.outpost.sync.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.sync.engine.InvalidSettingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyncWindowTest {
  private final SyncWindow nightly = new SyncWindow("0 22 * * *", Duration.parse("PT4H"));

  @ParameterizedTest
  @CsvSource({
      "2026-11-22T21:59:59Z, false, 2026-11-22T21:59:59Z, 2026-11-22T22:00:00Z",
      "2026-11-22T22:00:00Z, true,  2026-11-23T02:00:00Z, 2026-11-22T22:00:00Z",
      "2026-11-23T01:59:59Z, true,  2026-11-23T02:00:00Z, 2026-11-23T01:59:59Z",
      "2026-11-23T02:00:00Z, false, 2026-11-23T02:00:00Z, 2026-11-23T22:00:00Z",
      "2026-11-23T12:00:00Z, false, 2026-11-23T12:00:00Z, 2026-11-23T22:00:00Z",
  })
  void opensAtTheCronInUtcForTheWindow(Instant now, boolean open, Instant end, Instant nextOpening) {
    assertThat(nightly.isOpen(now)).isEqualTo(open);
    assertThat(nightly.currentWindowEnd(now)).isEqualTo(end);
    assertThat(nightly.nextOpening(now)).contains(nextOpening);
  }

  @Test
  void overlappingWindowsMerge() {
    SyncWindow hourlyForTwoHours = new SyncWindow("0 * * * *", Duration.ofHours(2));
    Instant now = Instant.parse("2026-11-22T10:30:00Z");

    assertThat(hourlyForTwoHours.isOpen(now)).isTrue();
    assertThat(hourlyForTwoHours.currentWindowEnd(now)).isAfter(now.plus(Duration.ofDays(1)));
  }

  @Test
  void weekdaysOnlyUsesUnixNumbering() {
    SyncWindow weekdays = new SyncWindow("0 1 * * 1-5", Duration.ofHours(1));

    assertThat(weekdays.isOpen(Instant.parse("2026-11-23T01:30:00Z"))).as("Monday").isTrue();
    assertThat(weekdays.isOpen(Instant.parse("2026-11-22T01:30:00Z"))).as("Sunday").isFalse();
    assertThat(weekdays.nextOpening(Instant.parse("2026-11-21T12:00:00Z"))).as("from Saturday")
        .isEqualTo(Optional.of(Instant.parse("2026-11-23T01:00:00Z")));
  }

  @Test
  void continuousIsAlwaysOpen() {
    SyncWindow always = new SyncWindow("* * * * *", Duration.ofMinutes(5));
    Instant now = Instant.parse("2026-11-22T10:30:17.5Z");

    assertThat(always.isContinuous()).isTrue();
    assertThat(always.isOpen(now)).isTrue();
    assertThat(always.currentWindowEnd(now)).isEqualTo(Instant.MAX);
    assertThat(always.nextOpening(now)).contains(now);
  }

  @Test
  void refusesNonPositiveWindowsAndBadCronNamingTheSetting() {
    assertThatThrownBy(() -> new SyncWindow("0 22 * * *", Duration.ZERO))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("window"))
        .hasMessage("window: must be a positive duration such as PT4H");
    assertThatThrownBy(() -> new SyncWindow("61 22 * * *", Duration.ofHours(1)))
        .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("schedule"))
        .hasMessage("schedule: '61 22 * * *' has an invalid minute field '61' (minute: 0-59)");
  }
}
