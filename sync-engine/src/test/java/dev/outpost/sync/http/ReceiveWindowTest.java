package dev.outpost.sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ReceiveWindowTest {
  private static final OptionalLong FOUR_MIB = OptionalLong.of(4 * 1024 * 1024);

  @Test
  void oneSecondOfEachTransfersShareWithAFloorOf64KiB() {
    assertThat(ReceiveWindow.forCap(1_250_000, 4, FOUR_MIB)).hasValue(312_500);
    assertThat(ReceiveWindow.forCap(12_500_000, 4, FOUR_MIB)).hasValue(3_125_000);
    assertThat(ReceiveWindow.forCap(125_000, 4, FOUR_MIB)).hasValue(ReceiveWindow.MINIMUM);
  }

  @Test
  void aCapBeyondWhatTheSystemLetsASocketHaveIsLeftToTheKernel() {
    assertThat(ReceiveWindow.forCap(25_000_000, 4, FOUR_MIB)).isEmpty();
    assertThat(ReceiveWindow.forCap(500_000, 4, OptionalLong.of(212_992))).hasValue(125_000);
    assertThat(ReceiveWindow.forCap(1_000_000, 4, OptionalLong.of(212_992))).isEmpty();
    assertThat(ReceiveWindow.forCap(125_000, 4, OptionalLong.empty())).isEmpty();
  }

  @Test
  void thisMachinesLimitIsReadWhole() {
    // A /proc file reports size 0; reading it as if its size were known gave "4" for 4194304.
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/sys/net/core/rmem_max")), "not Linux");
    assertThat(ReceiveWindow.systemMaximum()).isPresent();
    assertThat(ReceiveWindow.systemMaximum().getAsLong()).isGreaterThanOrEqualTo(4096);
  }

  @Test
  void theSocketsOfTheFactoryHaveTheBufferBeforeTheyConnect() throws Exception {
    try (Socket socket = new StallTimeoutSocketFactory(Duration.ofSeconds(5), OptionalInt.of(100_000)).createSocket();
        Socket plain = new StallTimeoutSocketFactory(Duration.ofSeconds(5)).createSocket()) {
      // Linux doubles what is asked for its own bookkeeping; other systems may keep it as is.
      assertThat(socket.getReceiveBufferSize()).isBetween(100_000, 200_000);
      assertThat(plain.getReceiveBufferSize()).isNotEqualTo(socket.getReceiveBufferSize());
    }
  }
}
