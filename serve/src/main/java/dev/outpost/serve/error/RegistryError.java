package dev.outpost.serve.error;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One error reply: a code (which fixes the status), a message, an optional detail, and the headers
 * that must accompany it ({@code WWW-Authenticate} on 401, {@code Allow} on 405,
 * {@code Content-Range} on 416). Immutable.
 */
public record RegistryError(ErrorCode code, String message, Optional<String> detail, Map<String, String> headers) {
  public RegistryError {
    Objects.requireNonNull(code);
    Objects.requireNonNull(message);
    Objects.requireNonNull(detail);
    headers = Map.copyOf(headers);
  }

  public static RegistryError of(ErrorCode code) {
    return new RegistryError(code, code.defaultMessage(), Optional.empty(), Map.of());
  }

  public static RegistryError of(ErrorCode code, String detail) {
    return new RegistryError(code, code.defaultMessage(), Optional.of(detail), Map.of());
  }

  /** A copy with one more response header. */
  public RegistryError withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new RegistryError(code, message, detail, more);
  }

  public int status() {
    return code.status();
  }

  /** Throwable form, for code paths that find the error deep inside a handler. */
  public RegistryException toException() {
    return new RegistryException(this);
  }
}
