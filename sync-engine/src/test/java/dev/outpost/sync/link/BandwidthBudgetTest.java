package dev.outpost.sync.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
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
  /** Simulated nanoseconds: sleeping advances them, so rates are exact and machine load does not matter. */
  private static final class SimulatedTime implements TimeMeter, BandwidthBudget.Sleeper {
    final AtomicLong nanos = new AtomicLong();

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    @Override
    public void sleep(long waitNanos) {
      nanos.addAndGet(waitNanos);
    }
  }

  @Test
  void fourWorkersTogetherGetTheCapNotFourTimesIt() throws Exception {
    SimulatedTime time = new SimulatedTime();
    long cap = 1_250_000; // 10 Mbit/s
    BandwidthBudget budget = new BandwidthBudget(Optional.of(new Bandwidth(cap)), time, time);
    long tenSeconds = TimeUnit.SECONDS.toNanos(10);
    AtomicLong granted = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      Future<?>[] running = new Future<?>[4];
      for (int w = 0; w < 4; w++) {
        running[w] = workers.submit(() -> {
          while (time.nanos.get() < tenSeconds) {
            if (budget.acquire(32 * 1024, () -> false) && time.nanos.get() <= tenSeconds) {
              granted.addAndGet(32 * 1024);
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

    assertThat(budget.acquire(1 << 20, () -> false)).isTrue();
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

    assertThat(budget.acquire(budget.maxGrant(), stop::get)).as("the stop wins over the wait").isFalse();
  }

  @Test
  void aRefundIsSpentByTheNextAsk() throws Exception {
    SimulatedTime time = new SimulatedTime();
    BandwidthBudget budget = new BandwidthBudget(Optional.of(new Bandwidth(100_000)), time, time);
    budget.acquire(budget.maxGrant(), () -> false);
    long afterFirst = time.nanos.get();

    budget.refund(budget.maxGrant());
    budget.acquire(budget.maxGrant(), () -> false);

    assertThat(time.nanos.get()).as("the refunded bytes needed no wait").isEqualTo(afterFirst);
  }
}
