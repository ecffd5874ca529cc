package dev.outpost.serve.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may cost the endpoint.
 *
 * @param loginFailures failed logins allowed per client address, and per token name, within
 *     {@code loginWindow}; the next attempt is answered 429 TOOMANYREQUESTS with {@code Retry-After}
 * @param loginWindow the window in which {@code loginFailures} are counted (allowance refills evenly over it)
 * @param requestTimeout how long a connection may take to deliver a complete request (head and any
 *     body) and see its response begin, counted from when it opened or its previous request completed;
 *     a connection trickling bytes is closed when it runs out, whatever its byte rate
 * @param maxConnectionsPerAddress open connections one client address may hold; more are closed at once
 * @param maxHeaderBytes request line and headers together; beyond it Jetty answers 414 or 431
 */
public record ServeLimits(int loginFailures, Duration loginWindow, Duration requestTimeout,
    int maxConnectionsPerAddress, int maxHeaderBytes) {
  /**
   * A site's defaults: 5 failures a minute, 10 s per request, 512 connections per address, 8 KiB of
   * head. 512, not fewer: a rollout from one node, or from many behind one SNAT address, opens a
   * connection per concurrent layer (64 curl clients already tripped a cap of 64, the lingering
   * closes counting), while a slow client from one address is held off by the request deadline.
   */
  public static final ServeLimits DEFAULTS = new ServeLimits(5, Duration.ofMinutes(1), Duration.ofSeconds(10), 512,
      8 * 1024);

  public ServeLimits {
    Objects.requireNonNull(loginWindow, "loginWindow");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    requirePositive("loginFailures", loginFailures);
    requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, was " + maxHeaderBytes);
    }
    if (loginWindow.isNegative() || loginWindow.isZero()) {
      throw new IllegalArgumentException("loginWindow must be positive, was " + loginWindow);
    }
    if (requestTimeout.toMillis() <= 0) {
      throw new IllegalArgumentException("requestTimeout must be at least 1 ms, was " + requestTimeout);
    }
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
