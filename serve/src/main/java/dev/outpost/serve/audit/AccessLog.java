package dev.outpost.serve.audit;

import dev.outpost.serve.auth.Credentials;
import dev.outpost.serve.route.RegistryRoute;
import java.time.Clock;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes one {@link AccessRecord} per request when it completes, formatted by
 * {@link AccessLogFormat}, to a line sink (the agent sends it to stdout or a rotating file). The
 * route, repository and reference come from what the API handler parsed ({@link #describe}); the
 * token name from the grant ({@link #tokenName}) or else from Basic credentials' user name. The raw
 * path, the query string and every header value stay out: they may carry secrets.
 */
public final class AccessLog extends Handler.Wrapper {
  private static final String ROUTE = AccessLog.class.getName() + ".route";
  private static final String LABEL = AccessLog.class.getName() + ".label";
  private static final String TOKEN = AccessLog.class.getName() + ".token";

  private final AccessLogFormat format;
  private final Consumer<String> lines;
  private final Clock clock;

  public AccessLog(AccessLogFormat format, Consumer<String> lines, Clock clock, Handler handler) {
    super(handler);
    this.format = format;
    this.lines = lines;
    this.clock = clock;
  }

  /** Records the parsed route of {@code request} (its label, repository and reference). */
  public static void describe(Request request, RegistryRoute route) {
    request.setAttribute(ROUTE, route);
  }

  /** Records a route that has no repository, such as the token endpoint. */
  public static void label(Request request, String label) {
    request.setAttribute(LABEL, label);
  }

  /** Records the client token that was granted access. */
  public static void tokenName(Request request, String name) {
    request.setAttribute(TOKEN, name);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long start = System.nanoTime();
    Request.addCompletionListener(request, failure -> lines.accept(format.format(record(request, response, failure,
        (System.nanoTime() - start) / 1_000_000))));
    return super.handle(request, response, callback);
  }

  private AccessRecord record(Request request, Response response, Throwable failure, long millis) {
    Object route = request.getAttribute(ROUTE);
    Object label = request.getAttribute(LABEL);
    String repository = "-";
    String reference = "-";
    switch (route) {
      case RegistryRoute.Manifest m -> {
        repository = m.repository().value();
        reference = m.reference().toString();
      }
      case RegistryRoute.Blob b -> {
        repository = b.repository().value();
        reference = b.digest().toString();
      }
      case RegistryRoute.Referrers r -> {
        repository = r.repository().value();
        reference = r.subject().toString();
      }
      case RegistryRoute.TagList t -> repository = t.repository().value();
      case null, default -> { }
    }
    String routeLabel = route instanceof RegistryRoute r ? r.label() : label == null ? "other" : label.toString();
    int status = failure != null && !response.isCommitted() ? 500 : response.getStatus();
    return new AccessRecord(clock.instant(), Request.getRemoteAddr(request), tokenOf(request), request.getMethod(),
        routeLabel, repository, reference, status, Response.getContentBytesWritten(response), millis);
  }

  private static String tokenOf(Request request) {
    Object granted = request.getAttribute(TOKEN);
    if (granted != null) {
      return granted.toString();
    }
    return Credentials.parse(request.getHeaders().get(HttpHeader.AUTHORIZATION)) instanceof Credentials.Basic basic
        ? basic.username() : "-";
  }
}
