package dev.outpost.serve.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Settles a request body nobody will read before an error reply goes out. Jetty closes a
 * connection whose request body is still arriving when the response completes, without saying so
 * in the response; a client that pooled the connection then fails its next request on a dead
 * socket (seen with {@code java.net.http} after a 405 to a {@code PUT}). A small body is drained
 * first so the connection stays usable; a large or unsized one (a blob upload to this read-only
 * registry) is not worth receiving, so the reply says {@code Connection: close} instead.
 */
public final class UnreadRequestBody {
  /** Bodies up to this size are drained; manifests and JSON forms are far below it. */
  static final long DRAIN_LIMIT = 64 * 1024;

  private UnreadRequestBody() {}

  /** Runs {@code reply} once the body is drained, or at once with the connection marked to close. */
  public static void settleThen(Request request, Response response, Runnable reply) {
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (!chunked && declared <= 0) {
      reply.run();
    } else if (!chunked && declared <= DRAIN_LIMIT) {
      Content.Source.consumeAll(request, Callback.from(reply, failure -> closeThen(response, reply)));
    } else {
      closeThen(response, reply);
    }
  }

  private static void closeThen(Response response, Runnable reply) {
    response.getHeaders().put(new HttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString()));
    reply.run();
  }
}
