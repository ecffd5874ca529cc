package dev.outpost.serve.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Counts failed logins per client address and per token name, each in a Bucket4j bucket of
 * {@code failures} that refills evenly over {@code window}. When either bucket of an attempt is
 * empty the attempt is refused before its password is checked, with the time until the emptier
 * bucket allows one more. A correct password does not refill anything: a client that knows one
 * token's password cannot clear another address's or another name's penalty.
 *
 * <p>Memory is bounded: buckets live in a Caffeine table of at most {@link #MAX_TRACKED} keys, each
 * dropped once unused for a window (by then it is full again), so a flood of made-up names or
 * addresses evicts old keys rather than growing the heap.
 */
public final class LoginLimiter {
  static final int MAX_TRACKED = 100_000;

  private final int failures;
  private final Duration window;
  private final Cache<String, Bucket> buckets;

  public LoginLimiter(int failures, Duration window) {
    this.failures = failures;
    this.window = window;
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(window).build();
  }

  /** The wait before {@code address} or {@code name} may try again, or empty when both may now. */
  public Optional<Duration> refusal(String address, String name) {
    return Stream.of(addressKey(address), nameKey(name))
        .map(buckets::getIfPresent)
        .filter(bucket -> bucket != null && bucket.getAvailableTokens() < 1)
        .map(bucket -> Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()))
        .max(Duration::compareTo);
  }

  /** Records one failed login by {@code address} for {@code name}. */
  public void failed(String address, String name) {
    buckets.get(addressKey(address), key -> newBucket()).tryConsume(1);
    buckets.get(nameKey(name), key -> newBucket()).tryConsume(1);
  }

  private Bucket newBucket() {
    return Bucket.builder().addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, window).build())
        .build();
  }

  // Two key spaces in one table: a token may well be named like an address.
  private static String addressKey(String address) {
    return "a:" + address;
  }

  private static String nameKey(String name) {
    return "n:" + name;
  }
}
