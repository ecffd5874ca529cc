package dev.outpost.agent.notify;

import java.time.Duration;

/**
 * When a webhook delivery is tried again: {@code attempts} tries in all, waiting {@code first},
 * then twice as long each time up to {@code max}. The one place that decides webhook retries.
 */
public record RetryBackoff(int attempts, Duration first, Duration max) {
  public static final RetryBackoff DEFAULT = new RetryBackoff(6, Duration.ofSeconds(1), Duration.ofMinutes(1));

  /** The wait before try number {@code attempt} (2 is the first retry). */
  public Duration before(int attempt) {
    Duration wait = first.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 2)));
    return wait.compareTo(max) > 0 ? max : wait;
  }

  /** 5xx, 429 and 408 are worth another try; other answers will not change. */
  public static boolean retryable(int status) {
    return status >= 500 || status == 429 || status == 408;
  }
}
