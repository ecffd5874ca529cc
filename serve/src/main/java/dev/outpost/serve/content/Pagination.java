package dev.outpost.serve.content;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.Fields;

/**
 * The spec's {@code n}/{@code last} pagination of a lexically sorted list. Without {@code n} the
 * whole rest of the list is returned. {@code n=0} returns an empty list and no Link. When entries
 * remain after a page, {@link Page#nextLink} is {@code <path?n=…&last=…>; rel="next"}.
 */
public record Pagination(Optional<Integer> limit, Optional<String> last) {

  public static Pagination from(Fields query) {
    String n = query.getValue("n");
    String last = query.getValue("last");
    return new Pagination(n == null ? Optional.empty() : Optional.of(parseLimit(n)),
        Optional.ofNullable(last).filter(s -> !s.isEmpty()));
  }

  private static int parseLimit(String n) {
    try {
      int value = Integer.parseInt(n);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw RegistryError.of(ErrorCode.PAGINATION_NUMBER_INVALID, "n must be a non-negative integer").toException();
  }

  /** One page of entries, and the Link header value when more remain. */
  public record Page(List<String> entries, Optional<String> nextLink) {}

  public Page apply(List<String> sorted, String path) {
    List<String> after = last.map(l -> sorted.stream().filter(e -> e.compareTo(l) > 0).toList()).orElse(sorted);
    if (limit.isEmpty() || after.size() <= limit.get()) {
      return new Page(after, Optional.empty());
    }
    List<String> entries = after.subList(0, limit.get());
    if (entries.isEmpty()) {
      return new Page(entries, Optional.empty());
    }
    String next = path + "?n=" + limit.get() + "&last=" + URLEncoder.encode(entries.getLast(), StandardCharsets.UTF_8);
    return new Page(entries, Optional.of("<" + next + ">; rel=\"next\""));
  }
}
