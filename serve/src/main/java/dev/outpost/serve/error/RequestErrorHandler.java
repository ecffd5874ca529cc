package dev.outpost.serve.error;

import java.io.IOException;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself, before a handler sees the request, answered with the registry's JSON
 * envelope rather than Jetty's HTML page. Jetty rejects ambiguous or malformed request paths (an
 * encoded {@code /} in a repository name, {@code %00}, encoded dot segments) with 400: NAME_INVALID,
 * as the name in the path is what was malformed. A request line or header block over the limit is
 * 414 URI_TOO_LONG or 431 HEADERS_TOO_LARGE. Anything else keeps Jetty's default page.
 */
public final class RequestErrorHandler extends ErrorHandler {
  private static final Map<Integer, ErrorCode> CODES = Map.of(
      ErrorCode.NAME_INVALID.status(), ErrorCode.NAME_INVALID,
      ErrorCode.URI_TOO_LONG.status(), ErrorCode.URI_TOO_LONG,
      ErrorCode.HEADERS_TOO_LARGE.status(), ErrorCode.HEADERS_TOO_LARGE);

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    ErrorCode errorCode = CODES.get(code);
    if (errorCode == ErrorCode.NAME_INVALID) {
      ErrorResponses.write(request, response, callback,
          RegistryError.of(ErrorCode.NAME_INVALID, message == null ? "malformed request path" : message));
    } else if (errorCode != null) {
      ErrorResponses.write(request, response, callback, RegistryError.of(errorCode));
    } else {
      super.generateResponse(request, response, code, message, cause, callback);
    }
  }
}
