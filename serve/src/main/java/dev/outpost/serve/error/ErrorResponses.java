package dev.outpost.serve.error;

import dev.outpost.serve.http.RegistryHeaders;
import dev.outpost.serve.http.Replies;
import dev.outpost.serve.http.UnreadRequestBody;
import dev.outpost.store.model.InvalidValueException;
import java.nio.file.NoSuchFileException;
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

  /** The wire error for a failure thrown while {@code attempted} (say, {@code "GET /v2/x/blobs/…"}). */
  public static RegistryError translate(Throwable failure, String attempted) {
    return switch (failure) {
      case RegistryException e -> e.error();
      case InvalidValueException e -> translateInvalidValue(e, attempted);
      // A blob file removed by garbage collection between stat and open: gone, as far as the client can tell.
      case NoSuchFileException e -> RegistryError.of(ErrorCode.BLOB_UNKNOWN);
      default -> {
        LOG.error("{} failed", attempted, failure);
        yield RegistryError.of(ErrorCode.UNKNOWN);
      }
    };
  }

  /**
   * Invalid values from the request path. An invalid tag maps to MANIFEST_UNKNOWN (404), not
   * TAG_INVALID: the spec defines TAG_INVALID only for a push whose manifest disagrees with the
   * URL, and a tag that cannot be spelled cannot exist here.
   */
  static RegistryError translateInvalidValue(InvalidValueException e, String attempted) {
    return switch (e.kind()) {
      case DIGEST -> RegistryError.of(ErrorCode.DIGEST_INVALID, e.getMessage());
      case NAME -> RegistryError.of(ErrorCode.NAME_INVALID, e.getMessage());
      case TAG, REFERENCE -> RegistryError.of(ErrorCode.MANIFEST_UNKNOWN, e.getMessage());
      default -> {
        LOG.error("{} failed on an invalid value", attempted, e);
        yield RegistryError.of(ErrorCode.UNKNOWN);
      }
    };
  }

  /** Translates and writes {@code failure}; if the response is already committed, aborts it instead. */
  public static void write(Request request, Response response, Callback callback, Throwable failure) {
    String attempted = request.getMethod() + " " + request.getHttpURI().getPath();
    if (response.isCommitted()) {
      LOG.debug("{} failed after the response was committed", attempted, failure);
      callback.failed(failure);
      return;
    }
    write(request, response, callback, translate(failure, attempted));
  }

  /**
   * Writes {@code error} in place of anything the response held so far (headers such as
   * Docker-Content-Digest set before the failure are dropped); the API version header survives,
   * since clients read it on a 401 from {@code /v2/} to recognise a registry. A request body left
   * unread (a refused {@code PUT}) is settled first, so the connection is either reusable or
   * announced as closing.
   */
  public static void write(Request request, Response response, Callback callback, RegistryError error) {
    String apiVersion = response.getHeaders().get(RegistryHeaders.API_VERSION);
    response.reset();
    if (apiVersion != null) {
      response.getHeaders().put(RegistryHeaders.API_VERSION, apiVersion);
    }
    error.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    UnreadRequestBody.settleThen(request, response,
        () -> Replies.sendJson(request, response, callback, error.status(), envelope(error)));
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
