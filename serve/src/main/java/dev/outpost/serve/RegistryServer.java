package dev.outpost.serve;

import dev.outpost.serve.audit.AccessLog;
import dev.outpost.serve.auth.AccessTokens;
import dev.outpost.serve.auth.Challenges;
import dev.outpost.serve.auth.ClientAuthenticator;
import dev.outpost.serve.auth.TokenAccessController;
import dev.outpost.serve.auth.TokenEndpoint;
import dev.outpost.serve.children.ChildReportEndpoint;
import dev.outpost.serve.children.ChildReports;
import dev.outpost.serve.content.BlobResponder;
import dev.outpost.serve.content.FileBody;
import dev.outpost.serve.content.ListingResponder;
import dev.outpost.serve.content.ManifestResponder;
import dev.outpost.serve.content.ReferrersResponder;
import dev.outpost.serve.error.RequestErrorHandler;
import dev.outpost.serve.limits.ConnectionsPerAddress;
import dev.outpost.serve.auth.LoginGate;
import dev.outpost.serve.limits.LoginLimiter;
import dev.outpost.serve.limits.RequestDeadline;
import dev.outpost.serve.metrics.RequestMetrics;
import dev.outpost.serve.tls.TlsConnectors;
import dev.outpost.store.BlobReader;
import dev.outpost.store.ManifestReader;
import dev.outpost.store.PullRecorder;
import dev.outpost.store.ReferrersReader;
import dev.outpost.store.TokenRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only OCI distribution endpoint and its token endpoint, on Jetty 12. Start with
 * {@link #start}; {@link #close} stops gracefully (in-flight requests get {@link #STOP_TIMEOUT} to
 * finish). Reads content only through {@link ManifestReader} and {@link BlobReader}, and client
 * tokens only through {@link TokenRepository}; it never writes. With {@link ServeSettings#tls()} it
 * serves HTTPS and picks up new certificate files while running ({@link TlsConnectors}).
 */
public final class RegistryServer implements AutoCloseable {
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Server server;
  private final ServerConnector connector;
  private final String service;

  private RegistryServer(Server server, ServerConnector connector, String service) {
    this.server = server;
    this.connector = connector;
    this.service = service;
  }

  public static RegistryServer start(ServeSettings settings, ManifestReader manifests, BlobReader blobs,
      TokenRepository tokens, MeterRegistry meters, Clock clock) {
    return start(settings, manifests, blobs, ReferrersReader.NONE, tokens, PullRecorder.NONE, meters, clock);
  }

  /** {@code pulls} is told of each manifest pulled, in memory (see {@link PullRecorder}). */
  public static RegistryServer start(ServeSettings settings, ManifestReader manifests, BlobReader blobs,
      TokenRepository tokens, PullRecorder pulls, MeterRegistry meters, Clock clock) {
    return start(settings, manifests, blobs, ReferrersReader.NONE, tokens, pulls, meters, clock, ChildReports.NONE);
  }

  /** {@code referrers} answers the referrers API. */
  public static RegistryServer start(ServeSettings settings, ManifestReader manifests, BlobReader blobs,
      ReferrersReader referrers, TokenRepository tokens, PullRecorder pulls, MeterRegistry meters, Clock clock) {
    return start(settings, manifests, blobs, referrers, tokens, pulls, meters, clock, ChildReports.NONE);
  }

  /** {@code children} keeps the reports child Outposts post ({@link ChildReportEndpoint}). */
  public static RegistryServer start(ServeSettings settings, ManifestReader manifests, BlobReader blobs,
      ReferrersReader referrers, TokenRepository tokens, PullRecorder pulls, MeterRegistry meters, Clock clock,
      ChildReports children) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("outpost-serve");
    // Buffers as large as a blob transfer's are pooled, so a download borrows one and returns it
    // instead of allocating direct memory that only a garbage collection would free.
    Server server = new Server(threads, null, new ArrayByteBufferPool(0, 4096, FileBody.DEFAULT_BUFFER_BYTES));
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(settings.limits().maxHeaderBytes());
    // TlsConnectors throws TlsMaterialException naming the file at fault; the caller maps it to its key.
    ServerConnector connector = settings.tls().isPresent()
        ? TlsConnectors.https(server, http, settings.tls().get())
        : new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);
    RequestDeadline deadline = new RequestDeadline(settings.limits().requestTimeout(), null);
    connector.addEventListener(deadline.connectionListener());
    connector.addEventListener(new ConnectionsPerAddress(settings.limits().maxConnectionsPerAddress()));
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
    server.setErrorHandler(new RequestErrorHandler());
    try {
      connector.open();
      String service = settings.service().orElse(settings.host() + ":" + connector.getLocalPort());
      deadline.setHandler(handler(settings, service, manifests, blobs, referrers, tokens, pulls, meters, clock, children));
      server.setHandler(new GracefulHandler(deadline));
      server.start();
      return new RegistryServer(server, connector, service);
    } catch (Exception e) {
      stopQuietly(server);
      throw new IllegalStateException("cannot start the registry endpoint on " + settings.host() + ":" + settings.port(), e);
    }
  }

  /**
   * The complete handler (metrics, token endpoint, /v2/ API) without a server, for callers that
   * assemble their own Jetty server or add connectors.
   */
  public static Handler handler(ServeSettings settings, String service, ManifestReader manifests, BlobReader blobs,
      TokenRepository tokens, MeterRegistry meters, Clock clock) {
    return handler(settings, service, manifests, blobs, ReferrersReader.NONE, tokens, PullRecorder.NONE, meters, clock,
        ChildReports.NONE);
  }

  public static Handler handler(ServeSettings settings, String service, ManifestReader manifests, BlobReader blobs,
      TokenRepository tokens, PullRecorder pulls, MeterRegistry meters, Clock clock) {
    return handler(settings, service, manifests, blobs, ReferrersReader.NONE, tokens, pulls, meters, clock,
        ChildReports.NONE);
  }

  public static Handler handler(ServeSettings settings, String service, ManifestReader manifests, BlobReader blobs,
      ReferrersReader referrers, TokenRepository tokens, PullRecorder pulls, MeterRegistry meters, Clock clock,
      ChildReports children) {
    AccessTokens accessTokens = new AccessTokens(settings.signingKey(), service, settings.tokenTtl(), clock);
    ClientAuthenticator authenticator = new ClientAuthenticator(tokens, clock);
    LoginGate logins = new LoginGate(authenticator,
        new LoginLimiter(settings.limits().loginFailures(), settings.limits().loginWindow()));
    String fallbackAuthority = settings.port() == 0 ? service : settings.host() + ":" + settings.port();
    Challenges challenges = new Challenges(service, settings.publicUrl(), fallbackAuthority);
    RegistryApiHandler api = new RegistryApiHandler(
        new TokenAccessController(accessTokens, authenticator, logins, challenges, settings.anonymous()),
        new TokenEndpoint(logins, accessTokens, settings.anonymous()),
        new ManifestResponder(manifests, pulls),
        new BlobResponder(blobs, manifests, FileBody.DEFAULT),
        new ListingResponder(manifests),
        new ReferrersResponder(referrers),
        children == ChildReports.NONE ? Optional.empty() : Optional.of(new ChildReportEndpoint(logins, children)));
    RequestMetrics measured = new RequestMetrics(meters, api);
    if (settings.accessLog().isEmpty()) {
      return measured;
    }
    Logger access = LoggerFactory.getLogger(ServeSettings.ACCESS_LOGGER);
    return new AccessLog(settings.accessLog().get(), access::info, clock, measured);
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** {@code https} or {@code http}. */
  public String scheme() {
    return connector.getDefaultConnectionFactory() instanceof HttpConnectionFactory ? "http" : "https";
  }

  /** True while the endpoint accepts and serves requests (started, not stopping). */
  public boolean serving() {
    return server.isRunning() && connector.isOpen();
  }

  /** The token service (audience) in use. */
  public String service() {
    return service;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the registry endpoint failed", e);
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // Already failing to start: the start failure is the one worth reporting.
    }
  }
}
