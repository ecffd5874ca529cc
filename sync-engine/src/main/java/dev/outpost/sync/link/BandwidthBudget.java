package dev.outpost.sync.link;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one budget of bytes per second that every transfer of sync draws from, whatever the number
 * of workers: a cap of 20 Mbit is 20 Mbit for the site, not per download. A token bucket
 * (Bucket4j) refilled at the cap, holding at most a tenth of a second of bytes, so a pass that
 * starts or resumes does not burst past the cap.
 *
 * <p>Waiting for the budget never outlives a stop: {@link #acquire} polls the stop condition at
 * least every {@link #STOP_POLL}, so a window end or a shutdown is not held up by a worker asleep
 * in the limiter.
 */
public final class BandwidthBudget {
  static final Duration STOP_POLL = Duration.ofMillis(50);
  /** At least one 64 KiB read may pass at once, even at very low caps. */
  private static final long MIN_BURST = 64 * 1024;

  private final Optional<Bucket> bucket;
  private final long burst;
  private final Sleeper sleeper;

  BandwidthBudget(Optional<Bandwidth> limit, TimeMeter time, Sleeper sleeper) {
    this.burst = limit.map(l -> Math.max(MIN_BURST, l.bytesPerSecond() / 10)).orElse(Long.MAX_VALUE);
    this.bucket = limit.map(l -> Bucket.builder().withCustomTimePrecision(time).addLimit(rate(l, burst)).build());
    this.sleeper = sleeper;
  }

  public static BandwidthBudget unlimited() {
    return of(Optional.empty());
  }

  public static BandwidthBudget of(Optional<Bandwidth> limit) {
    return new BandwidthBudget(limit, TimeMeter.SYSTEM_NANOTIME, nanos -> Thread.sleep(Duration.ofNanos(nanos)));
  }

  /** The most bytes one {@link #acquire} may ask for; reads should be no larger. */
  public int maxGrant() {
    return (int) Math.min(Integer.MAX_VALUE, burst);
  }

  /**
   * Waits until {@code bytes} (at most {@link #maxGrant()}) may cross the link, and takes them
   * from the budget. Returns false, having taken nothing, when {@code stopRequested} turns true
   * first.
   */
  public boolean acquire(int bytes, BooleanSupplier stopRequested) throws InterruptedException {
    if (bucket.isEmpty()) {
      return !stopRequested.getAsBoolean();
    }
    if (bytes > burst) {
      throw new IllegalArgumentException("asked for " + bytes + " bytes at once; at most " + burst);
    }
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      ConsumptionProbe probe = bucket.get().tryConsumeAndReturnRemaining(bytes);
      if (probe.isConsumed()) {
        return true;
      }
      long waitNanos = Math.min(probe.getNanosToWaitForRefill(), STOP_POLL.toNanos());
      sleeper.sleep(Math.max(1, waitNanos));
    }
  }

  /** Gives back bytes taken but not used (a read that returned fewer bytes than granted). */
  public void refund(long bytes) {
    if (bytes > 0) {
      bucket.ifPresent(b -> b.addTokens(bytes));
    }
  }

  private static io.github.bucket4j.Bandwidth rate(Bandwidth limit, long burst) {
    return io.github.bucket4j.Bandwidth.builder().capacity(burst)
        .refillGreedy(limit.bytesPerSecond(), Duration.ofSeconds(1))
        .initialTokens(0)
        .build();
  }

  /** How a worker waits for the budget: {@code Thread.sleep}, or simulated time in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }
}
