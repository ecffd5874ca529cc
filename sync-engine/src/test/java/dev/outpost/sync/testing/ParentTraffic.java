package dev.outpost.sync.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pass sent to the parent, as the parent saw it: requests by kind, listing requests per
 * repository, and the bytes of the response bodies (a {@code HEAD} has none on the wire, whatever
 * the server's own log counts). Filled request by request from the parent's log or journal.
 */
public final class ParentTraffic {
  /** A request's kind, by method and path. */
  public enum Kind {
    TOKEN("token"), PING("ping"), CATALOG("catalog"), TAG_LIST("tag lists"), MANIFEST_HEAD("manifest HEAD"),
    MANIFEST_GET("manifest GET"), BLOB("blob"), REFERRERS("referrers"), OTHER("other");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private static final Pattern TAG_LIST = Pattern.compile("/(?:v2/(.+)/tags/list|acr/v1/(.+)/_tags)");
  private static final Pattern MANIFEST = Pattern.compile("/v2/.+/manifests/[^/]+");
  private static final Pattern BLOB = Pattern.compile("/v2/.+/blobs/[^/]+");
  private static final Pattern REFERRERS = Pattern.compile("/v2/.+/referrers/[^/]+");

  private final Map<Kind, Integer> requests = new EnumMap<>(Kind.class);
  private final Map<String, Integer> listingsPerRepository = new TreeMap<>();
  private long manifestBodyBytes;
  private long blobBodyBytes;
  private long allBodyBytes;

  /** Counts one request: {@code path} as sent (query and percent-encoding allowed), {@code bodyBytes} as answered. */
  public void add(String method, String path, long bodyBytes) {
    String decoded = URLDecoder.decode(path.split("\\?", 2)[0].replace("+", "%2B"), StandardCharsets.UTF_8);
    long body = "HEAD".equals(method) ? 0 : bodyBytes;
    Kind kind = kind(method, decoded);
    requests.merge(kind, 1, Integer::sum);
    allBodyBytes += body;
    switch (kind) {
      case MANIFEST_HEAD, MANIFEST_GET -> manifestBodyBytes += body;
      case BLOB -> blobBodyBytes += body;
      case TAG_LIST -> {
        Matcher m = TAG_LIST.matcher(decoded);
        if (m.matches()) {
          listingsPerRepository.merge(m.group(1) != null ? m.group(1) : m.group(2), 1, Integer::sum);
        }
      }
      default -> { }
    }
  }

  private static Kind kind(String method, String path) {
    if (path.endsWith("/oauth2/token") || path.endsWith("/oauth2/exchange")) {
      return Kind.TOKEN;
    } else if (path.equals("/v2/") || path.equals("/v2")) {
      return Kind.PING;
    } else if (path.endsWith("/_catalog")) {
      return Kind.CATALOG;
    } else if (TAG_LIST.matcher(path).matches()) {
      return Kind.TAG_LIST;
    } else if (MANIFEST.matcher(path).matches()) {
      return "HEAD".equals(method) ? Kind.MANIFEST_HEAD : Kind.MANIFEST_GET;
    } else if (BLOB.matcher(path).matches()) {
      return Kind.BLOB;
    } else if (REFERRERS.matcher(path).matches()) {
      return Kind.REFERRERS;
    }
    return Kind.OTHER;
  }

  public int requests(Kind kind) {
    return requests.getOrDefault(kind, 0);
  }

  public int requests() {
    return requests.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Tag-list requests per repository (each is one page). */
  public Map<String, Integer> listingsPerRepository() {
    return Map.copyOf(listingsPerRepository);
  }

  public long manifestBodyBytes() {
    return manifestBodyBytes;
  }

  public long blobBodyBytes() {
    return blobBodyBytes;
  }

  public long allBodyBytes() {
    return allBodyBytes;
  }

  /** One line for a report: every count, then the bytes. */
  public String figures(String title) {
    StringBuilder line = new StringBuilder("no-change pass: ").append(title).append(": ").append(requests())
        .append(" requests to the parent (");
    for (Kind kind : Kind.values()) {
      line.append(kind == Kind.TOKEN ? "" : ", ").append(kind.label).append(' ').append(requests(kind));
    }
    int mostListings = listingsPerRepository.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return line.append("; at most ").append(mostListings).append(" tag-list request(s) per repository")
        .append("); response body bytes: manifests ").append(manifestBodyBytes).append(", blobs ")
        .append(blobBodyBytes).append(", all ").append(allBodyBytes).toString();
  }
}
