package dev.outpost.sync.http;

import java.time.Duration;

/**
 * How hard to retry a failed request: at most {@code maxAttempts} attempts in all, waiting a
 * jittered exponential backoff from {@code initialDelay} up to {@code maxDelay} between them, or
 * what the parent's {@code Retry-After} asks (capped at {@code maxRetryAfter}).
 */
public record RetrySettings(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

  public RetrySettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("retry delays must satisfy 0 <= initialDelay <= maxDelay");
    }
  }

  /** One attempt, no retry: for sources where asking again reads the same bytes (a file). */
  public static RetrySettings once() {
    return new RetrySettings(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  public static RetrySettings defaults() {
    return new RetrySettings(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));
  }
}
