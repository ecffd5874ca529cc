package dev.outpost.sync.http;

import okhttp3.HttpUrl;

/** Origins (scheme, host, port) decide where credentials may be sent and who answered. */
public final class Origins {
  private Origins() {}

  /** True when both URLs have the same scheme, host and (effective) port. */
  public static boolean same(HttpUrl a, HttpUrl b) {
    // HttpUrl keeps hosts in canonical lower case and ports explicit (80/443 when absent).
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
