package dev.outpost.agent.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.json.Json;
import dev.outpost.serve.http.Replies;
import dev.outpost.serve.http.UnreadRequestBody;
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
 * The admin API. Read-only endpoints need no secret, so that probes and scrapers can use them:
 * {@code GET /healthz} (the process answers), {@code GET /readyz} (200 when the store is open and the
 * registry endpoint serves, else 503), {@code GET /metrics} (Prometheus) and {@code GET /status}.
 * Everything that mutates or shows tokens needs {@code Authorization: Bearer <admin secret>}:
 * {@code POST /resync}, {@code GET|POST /tokens}, {@code GET|DELETE /tokens/<name>},
 * {@code POST /tokens/<name>/rotate|enable|disable}, {@code POST /gc[?dryRun=true]}, {@code POST /verify[?repair=true]},
 * {@code POST /imports}, {@code GET /inventory}.
 */
final class AdminHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
  private static final int MAX_BODY = 64 * 1024;

  private final AdminEndpoints endpoints;
  private final ObjectMapper json = Json.newMapper();

  /** The {@code code} of a 422 answer to {@code POST /imports} whose parts were refused. */
  static final String BUNDLE_REFUSED = "BUNDLE_REFUSED";

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
      reply(request, response, callback, HttpStatus.BAD_REQUEST_400, Map.of("error", e.getMessage()));
    } catch (dev.outpost.sync.bundle.InvalidBundleException e) {
      // Not a bad request: the parts were read and refused. The code lets the CLI exit as it would locally (9).
      reply(request, response, callback, HttpStatus.UNPROCESSABLE_ENTITY_422,
          Map.of("error", e.getMessage(), "code", BUNDLE_REFUSED));
    } catch (IOException | RuntimeException e) {
      LOG.warn("admin {} {} failed", method, path, e);
      reply(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, Map.of("error", String.valueOf(e.getMessage())));
    }
    return true;
  }

  private void route(String method, String path, Request request, Response response, Callback callback)
      throws IOException {
    switch (method + " " + path) {
      case "GET /healthz" -> text(request, response, callback, HttpStatus.OK_200, "ok\n");
      case "GET /readyz" -> ready(request, response, callback);
      case "GET /status" -> reply(request, response, callback, HttpStatus.OK_200, endpoints.status().get());
      case "GET /metrics" -> send(request, response, callback, HttpStatus.OK_200,
          "text/plain; version=0.0.4; charset=utf-8", endpoints.prometheusScrape().get().getBytes(StandardCharsets.UTF_8));
      default -> guarded(method, path, request, response, callback);
    }
  }

  private void ready(Request request, Response response, Callback callback) {
    boolean ready = endpoints.ready().getAsBoolean();
    text(request, response, callback, ready ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
        ready ? "ready\n" : "not ready: the store is closed or the registry endpoint is not serving\n");
  }

  /** The endpoints that need the admin secret; an unknown path is a 404 with or without it. */
  private void guarded(String method, String path, Request request, Response response, Callback callback)
      throws IOException {
    boolean resync = path.equals("/resync");
    boolean gc = path.equals("/gc");
    boolean verify = path.equals("/verify");
    boolean imports = path.equals("/imports");
    boolean inventory = path.equals("/inventory");
    if (!resync && !gc && !verify && !imports && !inventory && !path.equals("/tokens") && !path.startsWith("/tokens/")) {
      reply(request, response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no such admin endpoint"));
      return;
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !auth.startsWith("Bearer ") || !endpoints.secret().matches(auth.substring(7))) {
      reply(request, response, callback, HttpStatus.UNAUTHORIZED_401,
          Map.of("error", "this admin endpoint needs the admin secret (Authorization: Bearer, from <storage>/admin.json)"));
      return;
    }
    if (imports) {
      imports(method, request, response, callback);
    } else if (inventory) {
      inventory(method, request, response, callback);
    } else if (verify) {
      verify(method, request, response, callback);
    } else if (gc) {
      gc(method, request, response, callback);
    } else if (!resync) {
      tokens(method, path, request, response, callback);
    } else if (method.equals("POST")) {
      resync(request, response, callback);
    } else {
      reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
    }
  }

  private void resync(Request request, Response response, Callback callback) {
    if (endpoints.resync().isEmpty()) {
      reply(request, response, callback, HttpStatus.CONFLICT_409, Map.of("error", "this Outpost has no parent to sync from"));
      return;
    }
    endpoints.resync().get().run();
    reply(request, response, callback, HttpStatus.ACCEPTED_202, Map.of("resync", "triggered"));
  }

  /**
   * {@code GET /inventory}: what the store holds, in the inventory's one JSON form, for {@code bundle
   * create --since} upstream. Behind the secret: it lists every repository and digest of the site.
   */
  private void inventory(String method, Request request, Response response, Callback callback) throws IOException {
    if (!method.equals("GET")) {
      reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
      return;
    }
    reply(request, response, callback, HttpStatus.OK_200,
        json.readTree(dev.outpost.sync.bundle.BundleJson.write(endpoints.inventory().take())));
  }

  /** {@code POST /gc[?dryRun=true]}: garbage collection deletes content, so it is behind the secret. */
  private void gc(String method, Request request, Response response, Callback callback) {
    if (!method.equals("POST")) {
      reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
      return;
    }
    boolean dryRun = queryFlag(request, "dryRun");
    reply(request, response, callback, HttpStatus.OK_200, endpoints.gc().run(dryRun));
  }

  /**
   * {@code POST /verify[?repair=true]}: re-hashes the whole store (heavy) and may quarantine files, so
   * it is behind the secret; the reply comes when the run is done.
   */
  private void verify(String method, Request request, Response response, Callback callback) {
    if (!method.equals("POST")) {
      reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
      return;
    }
    boolean repair = queryFlag(request, "repair");
    reply(request, response, callback, HttpStatus.OK_200, endpoints.verify().run(repair));
  }

  /**
   * {@code POST /imports} with {@code {"paths":[…]}}: imports bundle parts (paths on this machine, as
   * the CLI resolved them) into the store this process holds; the reply, the {@link ImportReportJson},
   * comes when the import is done. A path that is not a complete part is a 400 naming it.
   */
  private void imports(String method, Request request, Response response, Callback callback) throws IOException {
    if (!method.equals("POST")) {
      reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
      return;
    }
    ImportRequest body = json.readValue(body(request), ImportRequest.class);
    if (body.paths() == null || body.paths().isEmpty()) {
      throw new IllegalArgumentException("paths: give at least one bundle part or folder of parts");
    }
    reply(request, response, callback, HttpStatus.OK_200, ImportReportJson.of(endpoints.imports().run(
        body.paths().stream().map(java.nio.file.Path::of).toList())));
  }

  /** The body of {@code POST /imports}. */
  record ImportRequest(java.util.List<String> paths) {}

  /** Whether the query sets {@code name=true}, parsed as a query, not searched as text. */
  private static boolean queryFlag(Request request, String name) {
    return "true".equals(Request.extractQueryParameters(request).getValue(name));
  }

  private void tokens(String method, String path, Request request, Response response, Callback callback)
      throws IOException {
    String rest = path.startsWith("/tokens/") ? path.substring("/tokens/".length()) : "";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      tokenAction(method, rest.substring(0, slash), rest.substring(slash + 1), request, response, callback);
      return;
    }
    if (method.equals("GET") && !rest.isEmpty()) {
      var shown = endpoints.tokens().show(rest);
      if (shown.isPresent()) {
        reply(request, response, callback, HttpStatus.OK_200, shown.get());
      } else {
        reply(request, response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no token named '" + rest + "'"));
      }
      return;
    }
    switch (method) {
      case "GET" -> reply(request, response, callback, HttpStatus.OK_200, endpoints.tokens().list());
      case "POST" -> reply(request, response, callback, HttpStatus.CREATED_201,
          endpoints.tokens().create(json.readValue(body(request), TokenRequest.class).toSpec()));
      case "DELETE" -> {
        boolean deleted = endpoints.tokens().delete(path.substring("/tokens/".length()));
        reply(request, response, callback, deleted ? HttpStatus.OK_200 : HttpStatus.NOT_FOUND_404, Map.of("deleted", deleted));
      }
      default -> reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
    }
  }

  /** {@code POST /tokens/<name>/rotate|enable|disable}. */
  private void tokenAction(String method, String name, String action, Request request, Response response,
      Callback callback) throws IOException {
    if (!method.equals("POST")) {
      reply(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, Map.of("error", "method not allowed"));
      return;
    }
    switch (action) {
      case "rotate" -> {
        RotateRequest rotate = json.readValue(body(request), RotateRequest.class);
        reply(request, response, callback, HttpStatus.OK_200,
            endpoints.tokens().rotate(name, rotate.slot(), java.util.Optional.ofNullable(rotate.expiry())));
      }
      case "enable", "disable" -> {
        boolean found = endpoints.tokens().setEnabled(name, action.equals("enable"));
        reply(request, response, callback, found ? HttpStatus.OK_200 : HttpStatus.NOT_FOUND_404, Map.of("found", found));
      }
      default -> reply(request, response, callback, HttpStatus.NOT_FOUND_404, Map.of("error", "no such admin endpoint"));
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

  /**
   * Every reply goes out through serve's {@link Replies} (Content-Length, HEAD without a body) once
   * any request body left unread, such as that of a refused {@code POST /tokens}, is settled: a
   * connection Jetty closed silently would fail the client's next request.
   */
  private void reply(Request request, Response response, Callback callback, int status, Object body) {
    byte[] bytes;
    try {
      bytes = (json.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    send(request, response, callback, status, Replies.JSON, bytes);
  }

  private static void text(Request request, Response response, Callback callback, int status, String body) {
    send(request, response, callback, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(Request request, Response response, Callback callback, int status, String contentType,
      byte[] body) {
    UnreadRequestBody.settleThen(request, response,
        () -> Replies.send(request, response, callback, status, contentType, body));
  }
}
