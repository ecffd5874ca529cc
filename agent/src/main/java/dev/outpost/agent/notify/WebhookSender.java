package dev.outpost.agent.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to one webhook from a bounded queue on a thread of its own, so that a slow or
 * hanging receiver never holds up sync: {@link #offer} only enqueues. When the queue is full the
 * oldest event is dropped and counted ({@code outpost_notify_dropped_total{url}}); a receiver that
 * is down for long loses old news, not new. Each event is retried with {@link RetryBackoff} and
 * then given up (counted in {@code outpost_notify_failures_total{url}}). Logs name the URL, never the secret.
 */
public final class WebhookSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  /** A receiver gets this long to answer; one that hangs is treated as failed and retried. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI url;
  private final Set<String> events;
  private final Optional<WebhookSignature> signature;
  private final RetryBackoff backoff;
  private final int capacity;
  private final Deque<CloudEvent> queue = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final Counter dropped;
  private final Counter delivered;
  private final Counter failures;
  private final Thread thread;
  private volatile boolean closed;

  public WebhookSender(URI url, Set<String> events, Optional<WebhookSignature> signature, RetryBackoff backoff,
      int capacity, MeterRegistry meters) {
    this.url = url;
    this.events = Set.copyOf(events);
    this.signature = signature;
    this.backoff = backoff;
    this.capacity = capacity;
    String target = url.getScheme() + "://" + url.getAuthority() + url.getPath(); // no query: it may hold a token
    this.dropped = meters.counter("outpost_notify_dropped_total", "url", target);
    this.delivered = meters.counter("outpost_notify_delivered_total", "url", target);
    this.failures = meters.counter("outpost_notify_failures_total", "url", target);
    this.thread = Thread.ofPlatform().daemon().name("outpost-webhook").start(this::run);
  }

  /** Queues {@code event} if this webhook wants its kind; never blocks. */
  public void offer(CloudEvent event) {
    if (closed || !events.contains(event.event())) {
      return;
    }
    synchronized (queue) {
      if (queue.size() >= capacity) {
        queue.pollFirst();
        dropped.increment();
      }
      queue.addLast(event);
      queue.notifyAll();
    }
  }

  private void run() {
    try {
      while (!closed) {
        CloudEvent next = take();
        if (next != null) {
          deliver(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  private CloudEvent take() throws InterruptedException {
    synchronized (queue) {
      while (queue.isEmpty() && !closed) {
        queue.wait();
      }
      return queue.pollFirst();
    }
  }

  private void deliver(CloudEvent event) throws InterruptedException {
    byte[] body = event.body();
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", CloudEvent.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    signature.ifPresent(s -> request.header(WebhookSignature.HEADER, s.sign(body)));
    String outcome = "";
    for (int attempt = 1; attempt <= backoff.attempts() && !closed; attempt++) {
      if (attempt > 1) {
        Thread.sleep(backoff.before(attempt).toMillis());
      }
      try {
        int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          delivered.increment();
          return;
        }
        outcome = "HTTP " + status;
        if (!RetryBackoff.retryable(status)) {
          break;
        }
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
    }
    failures.increment();
    LOG.warn("webhook {} did not take event {} ({}): {}", url.getHost(), event.event(), event.id(), outcome);
  }

  /** Stops the thread; queued events are not sent. */
  @Override
  public void close() {
    closed = true;
    synchronized (queue) {
      queue.notifyAll();
    }
    thread.interrupt();
  }
}
