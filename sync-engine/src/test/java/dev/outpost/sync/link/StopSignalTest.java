package dev.outpost.sync.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stop of a pass as an event: waits end, registered aborts run, and the next pass starts unstopped. */
class StopSignalTest {
  private final StopSignal signal = new StopSignal();

  @Test
  @Timeout(10)
  void aStopEndsAWaitAndRunsTheRegisteredAborts() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch aborted = new CountDownLatch(1);
    try (StopSignal.Armed armed = signal.arm(stop::get); StopSignal.Watch watch = signal.watch(aborted::countDown)) {
      stop.set(true);
      assertThat(signal.await(Duration.ofMinutes(5))).as("woken by the stop, long before the wait's end").isTrue();
      assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(signal.requested()).isTrue();
    }
  }

  @Test
  void withoutAStopAWaitRunsOutAndAClosedWatchIsNotAborted() throws Exception {
    AtomicInteger aborts = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    try (StopSignal.Armed armed = signal.arm(stop::get)) {
      signal.watch(aborts::incrementAndGet).close();
      assertThat(signal.await(Duration.ofMillis(20))).isFalse();
      stop.set(true);
      assertThat(signal.await(Duration.ofSeconds(5))).isTrue();
    }
    assertThat(aborts).hasValue(0);
  }

  @Test
  @Timeout(10)
  void aWatchStartedAfterTheStopAbortsAtOnceAndTheNextPassStartsUnstopped() throws Exception {
    try (StopSignal.Armed armed = signal.arm(() -> true)) {
      assertThat(signal.await(Duration.ofSeconds(5))).isTrue();
      AtomicInteger aborts = new AtomicInteger();
      signal.watch(aborts::incrementAndGet).close();
      assertThat(aborts).hasValue(1);
    }
    try (StopSignal.Armed next = signal.arm(() -> false)) {
      assertThat(signal.requested()).isFalse();
    }
  }
}
