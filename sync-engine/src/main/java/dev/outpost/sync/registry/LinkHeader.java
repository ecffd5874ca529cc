package dev.outpost.sync.registry;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Reads the {@code rel="next"} target of a {@code Link} header (RFC 8288), as the distribution
 * spec uses for catalog and tag pagination: {@code </v2/_catalog?last=b&n=100>; rel="next"}. The
 * target may be relative (resolved against the request URL) or absolute.
 */
final class LinkHeader {
  private LinkHeader() {}

  static Optional<HttpUrl> next(String header, HttpUrl requestUrl) {
    if (header == null) {
      return Optional.empty();
    }
    for (String link : splitLinks(header)) {
      int open = link.indexOf('<');
      int close = link.indexOf('>', open + 1);
      if (open < 0 || close < 0) {
        continue;
      }
      String params = link.substring(close + 1).toLowerCase(java.util.Locale.ROOT).replace(" ", "");
      if (params.contains("rel=\"next\"") || params.contains("rel=next")) {
        return Optional.ofNullable(requestUrl.resolve(link.substring(open + 1, close).trim()));
      }
    }
    return Optional.empty();
  }

  /** Splits at commas that are outside {@code <…>} and quotes. */
  private static java.util.List<String> splitLinks(String header) {
    java.util.List<String> links = new java.util.ArrayList<>();
    boolean inUri = false;
    boolean inQuotes = false;
    int start = 0;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '<' && !inQuotes) {
        inUri = true;
      } else if (c == '>' && !inQuotes) {
        inUri = false;
      } else if (c == '"' && !inUri) {
        inQuotes = !inQuotes;
      } else if (c == ',' && !inUri && !inQuotes) {
        links.add(header.substring(start, i));
        start = i + 1;
      }
    }
    links.add(header.substring(start));
    return links;
  }
}
