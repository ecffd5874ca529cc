package dev.outpost.sync.http;

import okhttp3.HttpUrl;

/**
 * Makes URLs safe to show in messages and logs: user info is dropped, and the query string is
 * dropped because signed storage URLs (a 307 target) carry their signature there.
 */
public final class Redaction {
  private Redaction() {}

  public static String url(HttpUrl url) {
    HttpUrl.Builder b = url.newBuilder().username("").password("");
    if (url.encodedQuery() != null) {
      b.query(null);
      return b.build() + "?<redacted>";
    }
    return b.build().toString();
  }
}
