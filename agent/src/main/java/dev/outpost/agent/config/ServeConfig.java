package dev.outpost.agent.config;

import java.time.Duration;

/** {@code serve:} the read-only registry endpoint for on-site clients. */
public record ServeConfig(ListenAddress listen, Duration tokenTtl, String service) {
  public ServeConfig {
    listen = listen == null ? ListenAddress.parse("127.0.0.1:8080") : listen;
    tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new ConfigValueException("serve.tokenTtl", "must be a positive duration such as PT5M");
    }
  }

  public static ServeConfig defaults() {
    return new ServeConfig(null, null, null);
  }
}
