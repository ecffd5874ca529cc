package dev.outpost.serve.error;

import dev.outpost.serve.http.Replies;
import dev.outpost.store.model.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP: domain exceptions are translated to a
 * {@link RegistryError} here, and every error reply is written here as the distribution-spec
 * envelope {@code {"errors":[{"code","message","detail"}]}}. Unexpected failures are logged once,
 * here, and answered with a generic message that reveals nothing of the server's insides.
 */
public final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  /** The wire error for a failure thrown while handling {@code request}. */
  public static RegistryError translate(Throwable failure, Request request) {
    return switch (failure) {
      case RegistryException e -> e.error();
      case InvalidValueException e -> translateInvalidValue(e, request);
      default -> {
        LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), failure);
        yield RegistryError.of(ErrorCode.UNKNOWN);
      }
    };
  }

  /**
   * Invalid values from the request path. An invalid tag maps to MANIFEST_UNKNOWN (404), not
   * TAG_INVALID: the spec defines TAG_INVALID only for a push whose manifest disagrees with the
   * URL, and a tag that cannot be spelled cannot exist here.
   */
  static RegistryError translateInvalidValue(InvalidValueException e, Request request) {
    return switch (e.kind()) {
      case DIGEST -> RegistryError.of(ErrorCode.DIGEST_INVALID, e.getMessage());
      case NAME -> RegistryError.of(ErrorCode.NAME_INVALID, e.getMessage());
      case TAG, REFERENCE -> RegistryError.of(ErrorCode.MANIFEST_UNKNOWN, e.getMessage());
      default -> {
        LOG.error("{} {} failed on an invalid value", request.getMethod(), request.getHttpURI().getPath(), e);
        yield RegistryError.of(ErrorCode.UNKNOWN);
      }
    };
  }

  /** Translates and writes {@code failure}; if the response is already committed, aborts it instead. */
  public static void write(Request request, Response response, Callback callback, Throwable failure) {
    if (response.isCommitted()) {
      LOG.debug("{} {} failed after the response was committed", request.getMethod(),
          request.getHttpURI().getPath(), failure);
      callback.failed(failure);
      return;
    }
    write(request, response, callback, translate(failure, request));
  }

  public static void write(Request request, Response response, Callback callback, RegistryError error) {
    response.reset();
    error.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    Replies.sendJson(request, response, callback, error.status(), envelope(error));
  }

  /** The spec's envelope as a JSON-ready map. */
  static Map<String, Object> envelope(RegistryError error) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("code", error.code().name());
    entry.put("message", error.message());
    error.detail().ifPresent(detail -> entry.put("detail", detail));
    return Map.of("errors", List.of(entry));
  }
}
