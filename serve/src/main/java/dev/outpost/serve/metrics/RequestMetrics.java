package dev.outpost.serve.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Records every request when it completes: timer {@code outpost.serve.requests} (Prometheus:
 * {@code outpost_serve_requests_seconds}, with histogram buckets from 1 ms to 60 s for latency
 * quantiles) tagged with route, method and status; counter {@code outpost.serve.requests.total}
 * ({@code outpost_serve_requests_total}) tagged with route and status; and counter
 * {@code outpost.serve.bytes} ({@code outpost_serve_bytes_total}) of response body bytes. Tags
 * have bounded values: the route is a fixed label set by the handler, unknown methods are "OTHER".
 */
public final class RequestMetrics extends Handler.Wrapper {
  public static final String REQUESTS = "outpost.serve.requests";
  public static final String BYTES = "outpost.serve.bytes";
  public static final String COUNT = "outpost.serve.requests.total";
  /** Fixed buckets rather than Micrometer's percentile histogram: a dozen series per tag set, not seventy. */
  private static final Duration[] BUCKETS = Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000,
      60_000).map(Duration::ofMillis).toArray(Duration[]::new);
  private static final String ROUTE_ATTRIBUTE = RequestMetrics.class.getName() + ".route";
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MeterRegistry registry;
  private final Counter bytes;

  public RequestMetrics(MeterRegistry registry, Handler handler) {
    super(handler);
    this.registry = registry;
    this.bytes = Counter.builder(BYTES).description("Response body bytes sent by the registry endpoint")
        .baseUnit("bytes").register(registry);
  }

  /** Names the route of {@code request} for its metrics; requests never labelled count as "other". */
  public static void label(Request request, String route) {
    request.setAttribute(ROUTE_ATTRIBUTE, route);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    long start = System.nanoTime();
    Request.addCompletionListener(request, failure -> record(request, response, failure, System.nanoTime() - start));
    return super.handle(request, response, callback);
  }

  private void record(Request request, Response response, Throwable failure, long nanos) {
    Object route = request.getAttribute(ROUTE_ATTRIBUTE);
    String method = METHODS.contains(request.getMethod()) ? request.getMethod() : "OTHER";
    String routeLabel = route == null ? "other" : route.toString();
    String status = Integer.toString(failure != null && !response.isCommitted() ? 500 : response.getStatus());
    Timer.builder(REQUESTS).description("Requests to the registry endpoint")
        .tag("route", routeLabel)
        .tag("method", method)
        .tag("status", status)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder(COUNT).description("Requests to the registry endpoint, by route and status")
        .tag("route", routeLabel)
        .tag("status", status)
        .register(registry)
        .increment();
    bytes.increment(Response.getContentBytesWritten(response));
  }
}
