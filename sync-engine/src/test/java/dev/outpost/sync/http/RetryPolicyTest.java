package dev.outpost.sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final RetrySettings SETTINGS =
      new RetrySettings(4, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(120));

  private static ParentException status(int code, String retryAfter) {
    return new ParentException("x", code, Optional.empty(), Optional.ofNullable(retryAfter));
  }

  static Stream<Arguments> decisions() {
    return Stream.of(
        Arguments.of(new IOException("reset"), true),
        Arguments.of(new SocketTimeoutException("timeout"), true),
        Arguments.of(new EOFException("truncated"), true),
        Arguments.of(new ConnectException("Connection refused"), true),
        Arguments.of(new SocketException("Connection reset"), true),
        // OkHttp's report of a body that ended before its Content-Length: a dropped link.
        Arguments.of(new ProtocolException("unexpected end of stream"), true),
        Arguments.of(new UnusableResponseException("asked for bytes from 1000 but got bytes 0-499/3600"), false),
        Arguments.of(new UnusableResponseException("the body is larger than 4194304 bytes"), false),
        Arguments.of(new JsonParseException(null, "Unexpected character ('<')"), false),
        Arguments.of(status(429, null), true),
        Arguments.of(status(500, null), true),
        Arguments.of(status(502, null), true),
        Arguments.of(status(503, null), true),
        Arguments.of(status(504, null), true),
        Arguments.of(status(501, null), false),
        Arguments.of(status(400, null), false),
        Arguments.of(status(401, null), false),
        Arguments.of(status(403, null), false),
        Arguments.of(status(404, null), false),
        Arguments.of(new IllegalStateException("bug"), false),
        Arguments.of(new ParentException("expired", 403, Optional.empty(), Optional.empty(), true), true),
        Arguments.of(new ParentException("expired", 401, Optional.empty(), Optional.empty(), true), true),
        Arguments.of(new ParentException("gone", 404, Optional.empty(), Optional.empty(), true), false));
  }

  @ParameterizedTest
  @MethodSource("decisions")
  void decidesWhatIsRetryable(Throwable failure, boolean retryable) {
    assertThat(RetryPolicy.isRetryable(failure)).isEqualTo(retryable);
  }

  @ParameterizedTest
  @CsvSource({
      "429, 7, PT7S",
      "503, 0, PT0S",
      "503, ' 3 ', PT3S",
      "429, 'Sun, 22 Nov 2026 12:00:30 GMT', PT30S",
      "503, 'Sun, 22 Nov 2026 11:59:00 GMT', PT0S",
      "429, 86400, PT2M",
  })
  void honoursRetryAfterOn429And503(int code, String header, Duration expected) {
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> true, () -> 0.0);

    assertThat(policy.delayAfter(1, status(code, header))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"500, 5", "429, soon", "502, 5"})
  void ignoresRetryAfterElsewhereOrWhenUnparseable(int code, String header) {
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> true, () -> 1.0);

    assertThat(policy.delayAfter(1, status(code, header))).isEqualTo(Duration.ofMillis(100));
  }

  @ParameterizedTest
  @CsvSource({"1, 0.0, 50", "1, 1.0, 100", "2, 1.0, 200", "3, 0.5, 300", "5, 1.0, 1600", "6, 1.0, 2000", "40, 1.0, 2000"})
  void backsOffExponentiallyWithJitterUpToTheCap(int attempt, double random, long expectedMillis) {
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> true, () -> random);

    assertThat(policy.delayAfter(attempt, new IOException())).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @Test
  void retriesUntilSuccessWaitingBetweenAttempts() throws IOException {
    List<Duration> waits = new ArrayList<>();
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, waits::add, () -> 1.0);
    AtomicInteger calls = new AtomicInteger();

    String result = policy.execute(() -> {
      if (calls.incrementAndGet() < 3) {
        throw status(503, "1");
      }
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void aStopDuringTheBackoffEndsTheLoopWithoutAnotherAttempt() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> false, () -> 1.0); // the stop cut the wait short

    assertThatThrownBy(() -> policy.execute(() -> {
      calls.incrementAndGet();
      throw status(503, null);
    })).isInstanceOf(java.io.InterruptedIOException.class).hasMessageContaining("stopped while waiting to retry");
    assertThat(calls).hasValue(1);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> true, () -> 1.0);

    assertThatThrownBy(() -> policy.execute(() -> {
      calls.incrementAndGet();
      throw new IOException("down");
    })).hasMessage("down");
    assertThat(calls).hasValue(4);
  }

  @Test
  void doesNotRetryPermanentFailures() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> true, () -> 1.0);

    assertThatThrownBy(() -> policy.execute(() -> {
      calls.incrementAndGet();
      throw status(404, null);
    })).isInstanceOf(ParentException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void anAttemptThatMadeProgressStartsTheCountAndTheBackoffAfresh() throws IOException {
    List<Duration> waits = new ArrayList<>();
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, waits::add, () -> 1.0);
    AtomicInteger calls = new AtomicInteger();
    long[] received = {0};

    // Ten drops, each after a little progress: more failures than maxAttempts (4), all forgiven.
    String result = policy.execute(() -> {
      if (calls.incrementAndGet() <= 10) {
        received[0] += 100;
        throw new EOFException("link dropped");
      }
      return "done";
    }, () -> received[0]);

    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(11);
    assertThat(waits).hasSize(10).containsOnly(Duration.ofMillis(100));
  }

  @Test
  void failuresWithoutProgressAfterSomeProgressStillRunOut() {
    AtomicInteger calls = new AtomicInteger();
    long[] received = {0};
    RetryPolicy policy = new RetryPolicy(SETTINGS, CLOCK, d -> true, () -> 1.0);

    assertThatThrownBy(() -> policy.execute(() -> {
      if (calls.incrementAndGet() == 1) {
        received[0] = 5000;
      }
      throw new IOException("down");
    }, () -> received[0])).hasMessage("down");
    // The first attempt made progress and counts as the first of four in a row.
    assertThat(calls).hasValue(4);
  }
}
