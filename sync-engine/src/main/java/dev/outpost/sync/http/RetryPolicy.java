package dev.outpost.sync.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The one retry policy of the sync engine: which failures are worth another attempt, how long to
 * wait before it, and the loop that does both.
 *
 * <p>Retryable: an {@link IOException} of the link (connection refused or reset, timeout, a body
 * that ends early, which OkHttp reports as a {@link java.net.ProtocolException}), HTTP 429, 5xx
 * except 501 (Not Implemented will not start working), and 401/403 from a redirect target (an
 * expired signed storage URL: the next attempt asks the parent, which signs a fresh one). Not
 * retryable: an answer that arrived whole but cannot be used ({@link UnusableResponseException},
 * and JSON that does not parse), which the parent would send again. Delay: {@code Retry-After}
 * (seconds or an HTTP date) on 429/503 when present, else an exponential backoff with jitter
 * (between half and all of {@code initialDelay * 2^(attempt-1)}, capped), so that workers retrying
 * together spread out. A stop ends a backoff at once: the {@link Sleeper} reports it, and the
 * loop gives up with an {@link InterruptedIOException} instead of making another attempt.
 */
public final class RetryPolicy {
  /** Waits; a seam so tests need not sleep, and the engine's stop can cut a backoff short. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits {@code duration}; false when a stop ended the wait early (no further attempt is wanted). */
    boolean sleep(Duration duration) throws InterruptedException;
  }

  /** A plain {@link Thread#sleep}, for a caller without a stop to honour (a one-off command). */
  public static final Sleeper UNSTOPPABLE = d -> {
    Thread.sleep(d.toMillis());
    return true;
  };

  /** A unit of work that may fail with an I/O error. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws IOException;
  }

  private final RetrySettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  public RetryPolicy(RetrySettings settings, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  public RetryPolicy(RetrySettings settings, Clock clock) {
    this(settings, clock, UNSTOPPABLE);
  }

  /** With jitter from {@link ThreadLocalRandom}; {@code sleeper} waits out each backoff. */
  public RetryPolicy(RetrySettings settings, Clock clock, Sleeper sleeper) {
    this(settings, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** True when another attempt may succeed where this one failed with {@code failure}. */
  public static boolean isRetryable(Throwable failure) {
    if (failure instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
      return false;
    }
    if (failure instanceof UnusableResponseException || failure instanceof JsonProcessingException
        || failure instanceof PermanentFailure) {
      return false;
    }
    if (failure instanceof IOException) {
      return true;
    }
    if (failure instanceof ParentException p) {
      boolean signedUrlExpired = p.fromRedirectTarget() && (p.status() == 401 || p.status() == 403);
      return signedUrlExpired || p.status() == 429 || (p.status() >= 500 && p.status() != 501);
    }
    return false;
  }

  /** How long to wait after failed attempt number {@code attempt} (1-based). */
  public Duration delayAfter(int attempt, Throwable failure) {
    Optional<Duration> asked = retryAfter(failure);
    if (asked.isPresent()) {
      return asked.get();
    }
    long base = settings.initialDelay().toMillis();
    long capped = Math.min(settings.maxDelay().toMillis(), base << Math.min(attempt - 1, 30));
    long jittered = (long) (capped * (0.5 + 0.5 * random.getAsDouble()));
    return Duration.ofMillis(jittered);
  }

  /** Runs {@code attempt} until it succeeds, fails for good, or attempts run out. */
  public <T> T execute(Attempt<T> attempt) throws IOException {
    return execute(attempt, () -> 0);
  }

  /**
   * Like {@link #execute(Attempt)} for work that keeps what it did before failing (a blob stream
   * resumed from its offset): an attempt that moved {@code progress} forward starts the count of
   * attempts and the backoff afresh. A link that drops every few minutes still finishes a large
   * blob; a parent that fails without giving a byte runs out of attempts as usual.
   */
  public <T> T execute(Attempt<T> attempt, LongSupplier progress) throws IOException {
    for (int failuresInARow = 1; ; failuresInARow++) {
      long before = progress.getAsLong();
      try {
        return attempt.run();
      } catch (IOException | RuntimeException e) {
        if (progress.getAsLong() > before) {
          failuresInARow = 1;
        }
        if (failuresInARow >= settings.maxAttempts() || !isRetryable(e)) {
          throw e;
        }
        pause(delayAfter(failuresInARow, e), e);
      }
    }
  }

  private void pause(Duration delay, Exception cause) throws IOException {
    try {
      if (!sleeper.sleep(delay)) {
        InterruptedIOException stop = new InterruptedIOException("stopped while waiting to retry");
        stop.addSuppressed(cause);
        throw stop;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException stop = new InterruptedIOException("interrupted while waiting to retry");
      stop.addSuppressed(cause);
      throw stop;
    }
  }

  private Optional<Duration> retryAfter(Throwable failure) {
    if (!(failure instanceof ParentException p) || !(p.status() == 429 || p.status() == 503)) {
      return Optional.empty();
    }
    return p.retryAfter().flatMap(this::parseRetryAfter)
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .map(d -> d.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : d);
  }

  /** {@code Retry-After} is delta-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
  Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    if (v.matches("\\d{1,10}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(Duration.between(clock.instant(), at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
