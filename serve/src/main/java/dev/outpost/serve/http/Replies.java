package dev.outpost.serve.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes small, fully buffered replies (JSON documents, manifests, error envelopes). A HEAD request
 * gets the same status and headers, including {@code Content-Length}, and no body.
 */
public final class Replies {
  public static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Replies() {}

  public static void send(Request request, Response response, Callback callback, int status, String contentType,
      byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    if (isHead(request)) {
      response.write(true, null, callback);
    } else {
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  /** Serializes {@code document} with Jackson and sends it as {@code application/json}. */
  public static void sendJson(Request request, Response response, Callback callback, int status, Object document) {
    send(request, response, callback, status, JSON, toJson(document));
  }

  /** A reply with no body at all (304). */
  public static void sendEmpty(Response response, Callback callback, int status) {
    response.setStatus(status);
    response.write(true, null, callback);
  }

  public static boolean isHead(Request request) {
    return HttpMethod.HEAD.is(request.getMethod());
  }

  public static byte[] toJson(Object document) {
    try {
      return MAPPER.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a reply document", e);
    }
  }
}
