package dev.outpost.serve.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a blob, resolved against its size. Parsing follows RFC 9110 §14: a
 * header that does not parse, or asks for several ranges, is ignored (the whole blob is sent);
 * a range that starts at or beyond the end is unsatisfiable (416).
 */
public record ByteRange(long start, long endInclusive) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

  public long length() {
    return endInclusive - start + 1;
  }

  /** {@code bytes start-end/size}, for Content-Range. */
  public String contentRange(long size) {
    return "bytes " + start + "-" + endInclusive + "/" + size;
  }

  /** What a Range header asks of a blob of {@code size} bytes. */
  public sealed interface Request permits Whole, Partial, Unsatisfiable {}

  /** Send everything (no header, or one we ignore). */
  public record Whole() implements Request {}

  /** Send this range (206). */
  public record Partial(ByteRange range) implements Request {}

  /** Nothing of the blob lies in the requested range (416). */
  public record Unsatisfiable() implements Request {}

  public static Request parse(Optional<String> header, long size) {
    if (header.isEmpty()) {
      return new Whole();
    }
    Matcher m = SINGLE.matcher(header.get().trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return new Whole();
    }
    try {
      return m.group(1).isEmpty() ? suffix(Long.parseLong(m.group(2)), size) : span(m.group(1), m.group(2), size);
    } catch (NumberFormatException e) {
      return new Whole();
    }
  }

  private static Request suffix(long suffixLength, long size) {
    if (suffixLength == 0 || size == 0) {
      return new Unsatisfiable();
    }
    return new Partial(new ByteRange(Math.max(0, size - suffixLength), size - 1));
  }

  private static Request span(String first, String last, long size) {
    long start = Long.parseLong(first);
    if (!last.isEmpty() && Long.parseLong(last) < start) {
      return new Whole();
    }
    if (start >= size) {
      return new Unsatisfiable();
    }
    long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
    return new Partial(new ByteRange(start, end));
  }
}
