package dev.outpost.sync.link;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Simulated nanoseconds: sleeping advances them, so rates are exact and machine load does not matter. */
public final class SimulatedTime extends Clock implements TimeMeter, BandwidthBudget.Sleeper {
  final AtomicLong nanos = new AtomicLong();
  private final Instant start;

  public SimulatedTime(Instant start) {
    this.start = start;
  }

  public SimulatedTime() {
    this(Instant.parse("2026-01-01T12:00:00Z"));
  }

  @Override
  public Instant instant() {
    return start.plusNanos(nanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

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

  /** A budget following {@code profile} in this simulated time (for tests outside this package). */
  public BandwidthBudget budget(BandwidthProfile profile) {
    return new BandwidthBudget(profile, this, this, this);
  }

  /** Simulated nanoseconds since the start. */
  public long elapsedNanos() {
    return nanos.get();
  }
}
