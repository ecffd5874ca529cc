package dev.outpost.sync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.MutableClock;
import dev.outpost.sync.engine.SyncReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SyncSchedulerTest {
  private static final SyncReport EMPTY = new SyncReport(List.of(), Optional.empty());

  @Test
  void continuousModeRunsPassAfterPass() throws Exception {
    Semaphore passes = new Semaphore(0);
    try (SyncScheduler scheduler = new SyncScheduler((l, stop) -> {
      passes.release();
      return EMPTY;
    }, SyncWindow.continuous(), Duration.ofMillis(1), Clock.systemUTC())) {
      scheduler.start();

      assertThat(passes.tryAcquire(3, 10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closedWindowRunsNothingUntilTriggered() throws Exception {
    Clock outsideWindow = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
    Semaphore passes = new Semaphore(0);
    AtomicBoolean stopAskedDuringManualPass = new AtomicBoolean(true);
    try (SyncScheduler scheduler = new SyncScheduler((l, stop) -> {
      stopAskedDuringManualPass.set(stop.getAsBoolean());
      passes.release();
      return EMPTY;
    }, new SyncWindow("0 22 * * *", Duration.ofHours(1)), Duration.ofMillis(1), outsideWindow)) {
      scheduler.start();
      assertThat(passes.tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();

      scheduler.triggerNow();

      assertThat(passes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(stopAskedDuringManualPass).as("a manual resync ignores the window").isFalse();
    }
  }

  @Test
  void closeAsksTheRunningPassToStopAndWaitsForIt() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean sawStop = new AtomicBoolean();
    SyncScheduler scheduler = new SyncScheduler((l, stop) -> {
      running.countDown();
      while (!stop.getAsBoolean()) {
        Thread.onSpinWait();
      }
      sawStop.set(true);
      return EMPTY;
    }, SyncWindow.continuous(), Duration.ofMillis(1), Clock.systemUTC());
    scheduler.start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    scheduler.close();

    assertThat(sawStop).isTrue();
  }

  @Test
  void windowEndAsksThePassToStop() throws Exception {
    Instant start = Instant.parse("2026-11-22T22:30:00Z");
    MutableClock clock = new MutableClock(start);
    CountDownLatch stopped = new CountDownLatch(1);
    try (SyncScheduler scheduler = new SyncScheduler((l, stop) -> {
      clock.set(start.plus(Duration.ofHours(2))); // the window (22:00 + 1h) has closed meanwhile
      if (stop.getAsBoolean()) {
        stopped.countDown();
      }
      return EMPTY;
    }, new SyncWindow("0 22 * * *", Duration.ofHours(1)), Duration.ofMillis(1), clock)) {
      scheduler.start();

      assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theStopCheckTurnsTrueExactlyWhenTheMergedWindowCloses() throws Exception {
    // Windows open at 22:00 and 23:00 for 90 minutes each: they merge into 22:00 to 00:30.
    SyncWindow merged = new SyncWindow("0 22,23 * * *", Duration.ofMinutes(90));
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T22:30:00Z"));
    List<String> checks = List.of("2026-11-22T22:30:00Z", "2026-11-22T23:31:00Z", "2026-11-23T00:29:59.999Z",
        "2026-11-23T00:30:00Z", "2026-11-23T05:00:00Z");
    List<Boolean> answers = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (SyncScheduler scheduler = new SyncScheduler((l, stop) -> {
      if (done.getCount() > 0) {
        for (String at : checks) {
          clock.set(Instant.parse(at));
          answers.add(stop.getAsBoolean());
        }
        done.countDown();
      }
      return EMPTY;
    }, merged, Duration.ofMillis(1), clock)) {
      scheduler.start();

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(answers).containsExactly(false, false, false, true, true);
    }
  }
}
