package dev.outpost.sync.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One budget for every worker; waits that give way to a stop. Time is simulated where rates are asserted. */
class BandwidthBudgetTest {
  @Test
  void fourWorkersTogetherGetTheCapNotFourTimesIt() throws Exception {
    SimulatedTime time = new SimulatedTime();
    long cap = 1_250_000; // 10 Mbit/s
    BandwidthBudget budget = new BandwidthBudget(BandwidthProfile.constant(Optional.of(new Bandwidth(cap))), time, time, time);
    long tenSeconds = TimeUnit.SECONDS.toNanos(10);
    AtomicLong granted = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] running = new Future<?>[4];
      for (int w = 0; w < 4; w++) {
        running[w] = workers.submit(() -> {
          while (time.nanos.get() < tenSeconds) {
            int got = budget.acquire(32 * 1024, () -> false);
            if (time.nanos.get() <= tenSeconds) {
              granted.addAndGet(got);
            }
          }
          return null;
        });
      }
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      workers.shutdownNow();
    }

    assertThat((double) granted.get() / 10).isCloseTo(cap, org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void unlimitedGrantsAtOnce() throws Exception {
    BandwidthBudget budget = BandwidthBudget.unlimited();

    assertThat(budget.acquire(1 << 20, () -> false)).isEqualTo(1 << 20);
  }

  @Test
  @Timeout(10)
  void aWorkerWaitingForTheBudgetLeavesAtAStop() throws Exception {
    // 64 KiB a second, and the first grant empties the bucket: the next ask waits about a second.
    BandwidthBudget budget = BandwidthBudget.of(Optional.of(new Bandwidth(64 * 1024)));
    AtomicBoolean stop = new AtomicBoolean();
    budget.acquire(budget.maxGrant(), stop::get);
    Thread stopper = Thread.ofVirtual().start(() -> stop.set(true));
    stopper.join();

    assertThat(budget.acquire(budget.maxGrant(), stop::get)).as("the stop wins over the wait").isZero();
  }

  @Test
  void aRefundIsSpentByTheNextAsk() throws Exception {
    SimulatedTime time = new SimulatedTime();
    BandwidthBudget budget = new BandwidthBudget(BandwidthProfile.constant(Optional.of(new Bandwidth(100_000))), time, time, time);
    budget.acquire(budget.maxGrant(), () -> false);
    long afterFirst = time.nanos.get();

    budget.refund(budget.maxGrant());
    budget.acquire(budget.maxGrant(), () -> false);

    assertThat(time.nanos.get()).as("the refunded bytes needed no wait").isEqualTo(afterFirst);
  }

  @Test
  void aProfileSwitchChangesTheRateOfTheSameBudget() throws Exception {
    // 05:59:59 UTC: one second at 100 kB/s, then from 06:00 the day's 20 kB/s.
    SimulatedTime time = new SimulatedTime(Instant.parse("2026-01-01T05:59:59Z"));
    BandwidthProfile profile = new BandwidthProfile(List.of(
        new BandwidthProfile.Range(LocalTime.of(22, 0), LocalTime.of(6, 0), Optional.of(new Bandwidth(100_000))),
        new BandwidthProfile.Range(LocalTime.of(6, 0), LocalTime.of(22, 0), Optional.of(new Bandwidth(20_000)))),
        Optional.empty());
    BandwidthBudget budget = new BandwidthBudget(profile, time, time, time);

    long night = grantedUntil(budget, time, TimeUnit.SECONDS.toNanos(1));
    long day = grantedUntil(budget, time, TimeUnit.SECONDS.toNanos(3)) ;

    assertThat((double) night).isCloseTo(100_000, org.assertj.core.data.Percentage.withPercentage(5));
    assertThat(day / 2.0).isCloseTo(20_000, org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void anUnlimitedRangeGrantsWithoutWaitingAndALimitedOneWaitsAgain() throws Exception {
    SimulatedTime time = new SimulatedTime(Instant.parse("2026-01-01T21:59:59Z"));
    BandwidthProfile profile = new BandwidthProfile(List.of(
        new BandwidthProfile.Range(LocalTime.of(22, 0), LocalTime.of(6, 0), Optional.empty())),
        Optional.of(new Bandwidth(10_000)));
    BandwidthBudget budget = new BandwidthBudget(profile, time, time, time);
    budget.acquire(budget.maxGrant(), () -> false);
    time.sleep(TimeUnit.SECONDS.toNanos(1));
    long atTen = time.nanos.get();

    assertThat(budget.acquire(1 << 20, () -> false)).isEqualTo(1 << 20);
    assertThat(time.nanos.get()).as("no wait at night").isEqualTo(atTen);
  }

  /** Asks for 1 KiB at a time until simulated time reaches {@code until}; the bytes granted before it. */
  private static long grantedUntil(BandwidthBudget budget, SimulatedTime time, long until) throws InterruptedException {
    long granted = 0;
    while (time.nanos.get() < until) {
      int got = budget.acquire(1024, () -> false);
      if (time.nanos.get() <= until) {
        granted += got;
      }
    }
    return granted;
  }
}
