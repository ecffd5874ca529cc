package dev.outpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** sync.bandwidthProfile: limits by time of day in UTC, maxBandwidth outside them, and its errors. */
class BandwidthProfileConfigTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void fullSpeedAtNightTwoMbitByDayAndMaxBandwidthInTheGap() {
    OutpostConfig config = loader.parse("outpost.yaml", """
        storage: {path: /data}
        sync:
          repositories: [a]
          maxBandwidth: 5Mbit
          bandwidthProfile:
            - {from: "22:00", to: "06:00", limit: unlimited}
            - from: 07:00
              to: 21:30
              limit: 2Mbit
        """);

    BandwidthProfile profile = config.sync().settings().linkProfile();

    assertThat(profile.limitAt(Instant.parse("2026-05-01T23:15:00Z"))).isEmpty();
    assertThat(profile.limitAt(Instant.parse("2026-05-01T05:59:59Z"))).isEmpty();
    assertThat(profile.limitAt(Instant.parse("2026-05-01T06:30:00Z"))).hasValue(Bandwidth.parse("5Mbit"));
    assertThat(profile.limitAt(Instant.parse("2026-05-01T07:00:00Z"))).hasValue(new Bandwidth(250_000));
    assertThat(profile.limitAt(Instant.parse("2026-05-01T21:30:00Z"))).hasValue(Bandwidth.parse("5Mbit"));
  }

  @Test
  void withoutAProfileMaxBandwidthHoldsAllDay() {
    OutpostConfig config = loader.parse("outpost.yaml", "storage: {path: /data}\nsync: {repositories: [a]}\n");

    assertThat(config.sync().settings().linkProfile().limitAt(Instant.parse("2026-05-01T12:00:00Z")))
        .isEqualTo(Optional.empty());
  }

  static Stream<Arguments> malformedProfiles() {
    return Stream.of(
        Arguments.of("not a time", """
            storage: {path: /x}
            sync:
              repositories: [a]
              bandwidthProfile:
                - {from: "22:00", to: "06:00", limit: unlimited}
                - {from: "6pm", to: "22:00", limit: 2Mbit}
            """, "outpost.yaml:6: sync.bandwidthProfile[1].from: '6pm' is not a time of day in UTC such as 22:00"
                + " (HH:MM, 00:00 to 23:59)"),
        Arguments.of("no limit", """
            storage: {path: /x}
            sync:
              repositories: [a]
              bandwidthProfile:
                - from: "22:00"
                  to: "06:00"
            """, "outpost.yaml:5: sync.bandwidthProfile[0].limit: required: a bandwidth such as 2Mbit or 2.5MB,"
                + " or unlimited"),
        Arguments.of("bad limit", """
            storage: {path: /x}
            sync:
              repositories: [a]
              bandwidthProfile:
                - {from: "22:00", to: "06:00", limit: fast}
            """, "outpost.yaml:5: sync.bandwidthProfile[0].limit: 'fast' is not a bandwidth such as 20Mbit or 2.5MB"
                + " (bits or bytes per second), or unlimited"),
        Arguments.of("empty range", """
            storage: {path: /x}
            sync:
              repositories: [a]
              bandwidthProfile:
                - {from: "06:00", to: "06:00", limit: 2Mbit}
            """, "outpost.yaml:5: sync.bandwidthProfile[0]: from and to are both 06:00: the range is empty"),
        Arguments.of("overlap", """
            storage: {path: /x}
            sync:
              repositories: [a]
              bandwidthProfile:
                - {from: "22:00", to: "06:00", limit: unlimited}
                - {from: "05:00", to: "22:00", limit: 2Mbit}
            """, "outpost.yaml:6: sync.bandwidthProfile[1]: 05:00-22:00 overlaps 22:00-06:00 (entry 0);"
                + " each time of day may have one limit"),
        Arguments.of("unknown key", """
            storage: {path: /x}
            sync:
              repositories: [a]
              bandwidthProfile:
                - {from: "22:00", until: "06:00", limit: unlimited}
            """, "outpost.yaml:5: sync.bandwidthProfile[0].until: unknown key; known keys here: from, limit, to"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedProfiles")
  void aRefusedProfileNamesItsKeyAndLine(String name, String yaml, String expected) {
    assertThatThrownBy(() -> loader.parse("outpost.yaml", yaml)).isInstanceOf(ConfigException.class).hasMessage(expected);
  }
}
