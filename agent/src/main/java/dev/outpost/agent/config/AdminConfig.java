package dev.outpost.agent.config;

/** {@code admin:} status, resync, metrics and health, for operators; loopback by default. */
public record AdminConfig(ListenAddress listen) {
  public AdminConfig {
    listen = listen == null ? ListenAddress.parse("127.0.0.1:9090") : listen;
  }

  public static AdminConfig defaults() {
    return new AdminConfig(null);
  }
}
