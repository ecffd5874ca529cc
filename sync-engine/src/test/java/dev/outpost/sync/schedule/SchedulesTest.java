package dev.outpost.sync.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daemon's one scheduler: crons in UTC with 5 fields, one-off runs, nothing run twice at once. */
class SchedulesTest {
  @Test
  void aFiveFieldCronIsScheduledInUtc() {
    try (Schedules schedules = Schedules.start(1)) {
      Instant before = Instant.now();
      schedules.cron("gc", "30 3 * * *", () -> { });

      ZonedDateTime next = schedules.nextRun("gc").orElseThrow().atZone(ZoneOffset.UTC);

      assertThat(next.getHour()).isEqualTo(3);
      assertThat(next.getMinute()).isEqualTo(30);
      assertThat(next.toInstant()).isAfter(before).isBefore(before.plus(Duration.ofDays(1)));
    }
  }

  @Test
  void aSundayInFiveFieldCronIsASundayToQuartz() {
    try (Schedules schedules = Schedules.start(1)) {
      schedules.cron("gc", "0 4 * * 0", () -> { });

      assertThat(schedules.nextRun("gc").orElseThrow().atZone(ZoneOffset.UTC).getDayOfWeek())
          .isEqualTo(java.time.DayOfWeek.SUNDAY);
    }
  }

  @Test
  void aOneOffRunReplacesThePendingOne() throws Exception {
    Semaphore runs = new Semaphore(0);
    try (Schedules schedules = Schedules.start(1)) {
      schedules.once("task", Duration.ofDays(1), runs::release);
      schedules.once("task", Duration.ZERO, runs::release);

      assertThat(runs.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(schedules.nextRun("task")).as("the day-later run was replaced").isEmpty();
    }
  }

  @Test
  void closeWaitsForTheTaskRunningAndNothingRunsAfterIt() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger fastRuns = new java.util.concurrent.atomic.AtomicInteger();
    Schedules schedules = Schedules.start(2);
    schedules.once("slow", Duration.ZERO, () -> {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.set(true);
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    schedules.every("fast", Duration.ofMillis(1), fastRuns::incrementAndGet);
    Thread.ofPlatform().start(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release.countDown();
    });

    schedules.close();

    assertThat(finished).as("the running task ended before close returned").isTrue();
    int afterClose = fastRuns.get();
    Thread.sleep(50);
    assertThat(fastRuns.get()).as("no task runs once closed").isEqualTo(afterClose);
  }
}
