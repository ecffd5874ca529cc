package dev.outpost.serve.error;

import java.io.IOException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself, before a handler sees the request. Jetty rejects ambiguous or
 * malformed request paths (an encoded {@code /} in a repository name, {@code %00}, encoded dot
 * segments) with 400; those are answered with the registry's JSON envelope as NAME_INVALID, as the
 * name in the path is what was malformed. Anything else keeps Jetty's default page.
 */
public final class RequestErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    if (code == ErrorCode.NAME_INVALID.status()) {
      ErrorResponses.write(request, response, callback,
          RegistryError.of(ErrorCode.NAME_INVALID, message == null ? "malformed request path" : message));
    } else {
      super.generateResponse(request, response, code, message, cause, callback);
    }
  }
}
