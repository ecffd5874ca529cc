package dev.outpost.sync.link;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one budget of bytes per second that every transfer of sync draws from, whatever the number
 * of workers: a cap of 20 Mbit is 20 Mbit for the site, not per download. A token bucket
 * (Bucket4j) refilled at the cap, holding at most a tenth of a second of bytes, so a pass that
 * starts or resumes does not burst past the cap.
 *
 * <p>The cap follows a {@link BandwidthProfile}: each {@link #acquire} looks at the time of day
 * and, when the profile's limit changed, reconfigures the same bucket (Bucket4j's
 * {@code replaceConfiguration}, keeping the tokens it holds) rather than building a new one, so
 * transfers under way change pace at once and no grant taken under the old rate is lost or doubled.
 *
 * <p>Waiting for the budget never outlives a stop: {@link #acquire} polls the stop condition at
 * least every {@link #STOP_POLL}, so a window end or a shutdown is not held up by a worker asleep
 * in the limiter.
 */
public final class BandwidthBudget {
  static final Duration STOP_POLL = Duration.ofMillis(50);
  /**
   * At least one 8 KiB read (an Okio segment) may pass at once, even at very low caps. No more:
   * each read frees that much of a connection's receive buffer at once, and the parent fills the
   * freed space at link speed, so a larger least grant makes the rate the parent sends at coarser
   * (a 64 KiB grant at 1 Mbit/s was half a second of the cap in one step).
   */
  private static final long MIN_BURST = 8 * 1024;
  /** The bucket's configuration while unlimited: never consulted, only there to be replaced. */
  private static final Bandwidth IDLE = new Bandwidth(MIN_BURST);

  private final BandwidthProfile profile;
  private final Clock clock;
  private final Bucket bucket;
  private final Sleeper sleeper;
  /** The limit the bucket is configured for; empty while unlimited. */
  private volatile Optional<Bandwidth> applied;

  BandwidthBudget(BandwidthProfile profile, Clock clock, TimeMeter time, Sleeper sleeper) {
    this.profile = profile;
    this.clock = clock;
    this.sleeper = sleeper;
    this.applied = profile.limitAt(clock.instant());
    this.bucket = Bucket.builder().withCustomTimePrecision(time).addLimit(rate(applied.orElse(IDLE))).build();
  }

  public static BandwidthBudget unlimited() {
    return of(Optional.empty());
  }

  public static BandwidthBudget of(Optional<Bandwidth> limit) {
    return of(BandwidthProfile.constant(limit), Clock.systemUTC());
  }

  /** A budget following {@code profile} by {@code clock}'s time of day. */
  public static BandwidthBudget of(BandwidthProfile profile, Clock clock) {
    return new BandwidthBudget(profile, clock, TimeMeter.SYSTEM_NANOTIME,
        nanos -> Thread.sleep(Duration.ofNanos(nanos)));
  }

  /** The most bytes one {@link #acquire} grants now; reads should be no larger. */
  public int maxGrant() {
    return (int) Math.min(Integer.MAX_VALUE, burst(current()));
  }

  /** The limit in force now; empty means unlimited. */
  public Optional<Bandwidth> limit() {
    return current();
  }

  /**
   * Waits until up to {@code bytes} may cross the link, takes them from the budget and returns how
   * many were granted (at most {@link #maxGrant()}, at least one). Returns 0, having taken nothing,
   * when {@code stopRequested} turns true first.
   */
  public int acquire(int bytes, BooleanSupplier stopRequested) throws InterruptedException {
    if (bytes <= 0) {
      throw new IllegalArgumentException("asked for " + bytes + " bytes");
    }
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return 0;
      }
      Optional<Bandwidth> limit = current();
      if (limit.isEmpty()) {
        return bytes;
      }
      int grant = (int) Math.min(bytes, burst(limit));
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(grant);
      if (probe.isConsumed()) {
        return grant;
      }
      long waitNanos = Math.min(probe.getNanosToWaitForRefill(), STOP_POLL.toNanos());
      sleeper.sleep(Math.max(1, waitNanos));
    }
  }

  /** Gives back bytes taken but not used (a read that returned fewer bytes than granted). */
  public void refund(long bytes) {
    if (bytes > 0 && applied.isPresent()) {
      bucket.addTokens(bytes);
    }
  }

  /** The profile's limit now, the bucket reconfigured first when it changed. */
  private Optional<Bandwidth> current() {
    Optional<Bandwidth> wanted = profile.limitAt(clock.instant());
    if (!wanted.equals(applied)) {
      reconfigure(wanted);
    }
    return wanted;
  }

  private synchronized void reconfigure(Optional<Bandwidth> wanted) {
    if (wanted.equals(applied)) {
      return; // another worker saw the switch first
    }
    if (wanted.isPresent()) {
      // AS_IS keeps the tokens held (at most the new capacity): a switch neither grants a burst
      // nor takes back what was already allowed.
      bucket.replaceConfiguration(BucketConfiguration.builder().addLimit(rate(wanted.get())).build(),
          TokensInheritanceStrategy.AS_IS);
    }
    applied = wanted;
  }

  private static long burst(Optional<Bandwidth> limit) {
    return limit.map(l -> Math.max(MIN_BURST, l.bytesPerSecond() / 10)).orElse((long) Integer.MAX_VALUE);
  }

  private static io.github.bucket4j.Bandwidth rate(Bandwidth limit) {
    return io.github.bucket4j.Bandwidth.builder().capacity(burst(Optional.of(limit)))
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
