package dev.outpost.serve.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes connections that take too long to ask: a connection gets {@code timeout} from opening (or
 * from its previous response completing) until a complete request head reaches the handler, and
 * again {@code timeout} from there until its response begins (time enough to read a small body
 * such as a token form). Jetty's idle timeout restarts on every byte, so a client sending its
 * headers a byte a second would otherwise hold a thread and a descriptor forever (slowloris); this
 * deadline does not move with bytes. A response that has begun (a long blob download) is never
 * cut: it is bounded by the client reading it, under Jetty's idle timeout.
 *
 * <p>Put the instance in front of the API and register {@link #connectionListener()} on the
 * connector (not the handler itself: a connector manages the life cycle of its beans); a sweep on the server's scheduler closes late connections,
 * so one may live up to a quarter of the timeout (at most a second) past its deadline.
 */
public final class RequestDeadline extends Handler.Wrapper {
  private static final long MAX_SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long timeoutNanos;
  private final ConcurrentMap<Connection, Exchange> connections = new ConcurrentHashMap<>();
  private volatile Scheduler.Task sweep;

  public RequestDeadline(Duration timeout, Handler handler) {
    super(handler);
    this.timeoutNanos = timeout.toNanos();
  }

  /** The state of one connection: since when its clock runs, and the response it is working on. */
  private static final class Exchange {
    volatile long since = NanoTime.now();
    volatile Response current;
  }

  /** Tells this deadline of connections opening and closing; add it to the connector's event listeners. */
  public Connection.Listener connectionListener() {
    return new Connection.Listener() {
      @Override
      public void onOpened(Connection connection) {
        if (!(connection instanceof SslConnection)) { // over TLS, the HTTP connection inside is tracked
          connections.put(connection, new Exchange());
        }
      }

      @Override
      public void onClosed(Connection connection) {
        connections.remove(connection);
      }
    };
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Exchange exchange = connections.get(request.getConnectionMetaData().getConnection());
    if (exchange != null) {
      exchange.since = NanoTime.now();
      exchange.current = response;
      Request.addCompletionListener(request, failure -> {
        exchange.current = null;
        exchange.since = NanoTime.now();
      });
    }
    return super.handle(request, response, callback);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    schedule();
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = sweep;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void schedule() {
    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(timeoutNanos / 4, MAX_SWEEP_NANOS));
    sweep = getServer().getScheduler().schedule(() -> {
      closeLate();
      if (isRunning()) {
        schedule();
      }
    }, period, TimeUnit.NANOSECONDS);
  }

  private void closeLate() {
    connections.forEach((connection, exchange) -> {
      Response current = exchange.current;
      if ((current == null || !current.isCommitted()) && NanoTime.since(exchange.since) > timeoutNanos) {
        connection.getEndPoint().close();
      }
    });
  }
}
