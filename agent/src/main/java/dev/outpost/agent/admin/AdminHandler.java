package dev.outpost.agent.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.cli.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: {@code GET /healthz}, {@code GET /status}, {@code POST /resync},
 * {@code GET /metrics} (Prometheus), and {@code GET|POST /tokens}, {@code DELETE /tokens/<name>},
 * which need {@code Authorization: Bearer <admin secret>}.
 */
final class AdminHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
  private static final int MAX_BODY = 64 * 1024;

  private final AdminEndpoints endpoints;
  private final ObjectMapper json = Json.newMapper();

  AdminHandler(AdminEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    try {
      route(method, path, request, response, callback);
    } catch (IllegalArgumentException e) {
      reply(response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", e.getMessage()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("admin {} {} failed", method, path, e);
      reply(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", String.valueOf(e.getMessage())));
    }
    return true;
  }

  private void route(String method, String path, Request request, Response response, Callback callback)
      throws IOException {
    switch (method + " " + path) {
      case "GET /healthz" -> text(response, callback, "ok\n", "text/plain");
      case "GET /status" -> reply(response, callback, HttpStatus.OK_200, endpoints.status().get());
      case "GET /metrics" -> text(response, callback, endpoints.prometheusScrape().get(),
          "text/plain; version=0.0.4; charset=utf-8");
      case "POST /resync" -> resync(response, callback);
      default -> tokens(method, path, request, response, callback);
    }
  }

  private void resync(Response response, Callback callback) {
    if (endpoints.resync().isEmpty()) {
      reply(response, callback, HttpStatus.CONFLICT_409, Map.of("error", "this Outpost has no parent to sync from"));
      return;
    }
    endpoints.resync().get().run();
    reply(response, callback, HttpStatus.ACCEPTED_202, Map.of("resync", "triggered"));
  }

  private void tokens(String method, String path, Request request, Response response, Callback callback)
      throws IOException {
    if (!path.equals("/tokens") && !path.startsWith("/tokens/")) {
      reply(response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no such admin endpoint"));
      return;
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !auth.startsWith("Bearer ") || !endpoints.secret().matches(auth.substring(7))) {
      reply(response, callback, HttpStatus.UNAUTHORIZED_401, Map.of("error", "token administration needs the admin secret"));
      return;
    }
    switch (method) {
      case "GET" -> reply(response, callback, HttpStatus.OK_200, endpoints.tokens().list());
      case "POST" -> reply(response, callback, HttpStatus.CREATED_201,
          endpoints.tokens().create(json.readValue(body(request), TokenRequest.class).toSpec()));
      case "DELETE" -> {
        boolean deleted = endpoints.tokens().delete(path.substring("/tokens/".length()));
        reply(response, callback, deleted ? HttpStatus.OK_200 : HttpStatus.NOT_FOUND_404, Map.of("deleted", deleted));
      }
      default -> reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
    }
  }

  private static byte[] body(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new IllegalArgumentException("request body over " + MAX_BODY + " bytes");
      }
      return body;
    }
  }

  private void reply(Response response, Callback callback, int status, Object body) {
    try {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      Content.Sink.write(response, true, json.writeValueAsString(body) + "\n", callback);
    } catch (IOException e) {
      callback.failed(e);
    }
  }

  private static void text(Response response, Callback callback, String body, String contentType) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.write(true, StandardCharsets.UTF_8.encode(body), callback);
  }
}
