package dev.outpost.agent.config;

import dev.outpost.serve.limits.ServeLimits;
import java.time.Duration;

/**
 * {@code serve.limits:} what one client may cost the endpoint. {@code loginFailures} failed logins
 * per client address and per token name within {@code loginWindow} (default 5 per {@code PT1M}),
 * then 429 with {@code Retry-After}; {@code requestTimeout} (default {@code PT10S}) for a connection
 * to deliver a complete request and see its response begin, whatever its byte rate (slowloris);
 * {@code maxConnectionsPerAddress} (default 512) open connections per client address;
 * {@code maxHeaderSize} (default {@code 8Ki}) for the request line and headers (414/431 beyond).
 */
public record ServeLimitsConfig(Integer loginFailures, Duration loginWindow, Duration requestTimeout,
    Integer maxConnectionsPerAddress, ByteSize maxHeaderSize) {
  private static final ServeLimits DEFAULTS = ServeLimits.DEFAULTS;

  public ServeLimitsConfig {
    loginFailures = loginFailures == null ? DEFAULTS.loginFailures() : loginFailures;
    loginWindow = loginWindow == null ? DEFAULTS.loginWindow() : loginWindow;
    requestTimeout = requestTimeout == null ? DEFAULTS.requestTimeout() : requestTimeout;
    maxConnectionsPerAddress = maxConnectionsPerAddress == null
        ? DEFAULTS.maxConnectionsPerAddress() : maxConnectionsPerAddress;
    maxHeaderSize = maxHeaderSize == null ? new ByteSize(DEFAULTS.maxHeaderBytes()) : maxHeaderSize;
    positive("loginFailures", loginFailures, "such as 5");
    positive("maxConnectionsPerAddress", maxConnectionsPerAddress, "such as 64");
    if (loginWindow.isNegative() || loginWindow.isZero()) {
      throw new ConfigValueException("serve.limits.loginWindow", "must be a positive duration such as PT1M");
    }
    if (requestTimeout.toMillis() <= 0) {
      throw new ConfigValueException("serve.limits.requestTimeout", "must be a positive duration such as PT10S");
    }
    if (maxHeaderSize.bytes() < 1024 || maxHeaderSize.bytes() > 1024 * 1024) {
      throw new ConfigValueException("serve.limits.maxHeaderSize", "must be between 1Ki and 1Mi, such as 8Ki");
    }
  }

  public static ServeLimitsConfig defaults() {
    return new ServeLimitsConfig(null, null, null, null, null);
  }

  /** The serve module's form of these limits. */
  public ServeLimits limits() {
    return new ServeLimits(loginFailures, loginWindow, requestTimeout, maxConnectionsPerAddress,
        (int) maxHeaderSize.bytes());
  }

  private static void positive(String key, int value, String example) {
    if (value <= 0) {
      throw new ConfigValueException("serve.limits." + key, "must be a positive whole number, " + example);
    }
  }
}
