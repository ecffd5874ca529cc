package dev.outpost.sync.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BandwidthProfileTest {
  private static BandwidthProfile.Range range(int from, int to, Optional<Bandwidth> limit) {
    return new BandwidthProfile.Range(LocalTime.of(from, 0), LocalTime.of(to, 0), limit);
  }

  @Test
  void theHighestLimitIsTheLargestOfTheRangesAndTheRest() {
    BandwidthProfile profile = new BandwidthProfile(List.of(
        range(22, 6, Optional.of(Bandwidth.parse("20Mbit"))), range(6, 12, Optional.of(Bandwidth.parse("2Mbit")))),
        Optional.of(Bandwidth.parse("5Mbit")));

    assertThat(profile.highest()).contains(Bandwidth.parse("20Mbit"));
  }

  @Test
  void aProfileWithAnUnlimitedHourHasNoHighestLimit() {
    assertThat(new BandwidthProfile(List.of(range(22, 6, Optional.empty())), Optional.of(Bandwidth.parse("2Mbit")))
        .highest()).isEmpty();
    assertThat(new BandwidthProfile(List.of(range(6, 22, Optional.of(Bandwidth.parse("2Mbit")))), Optional.empty())
        .highest()).isEmpty();
    assertThat(BandwidthProfile.constant(Optional.of(Bandwidth.parse("1Mbit"))).highest())
        .contains(Bandwidth.parse("1Mbit"));
  }
}
