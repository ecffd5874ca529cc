package dev.outpost.agent.notify;

import dev.outpost.agent.config.NotifyConfig;
import dev.outpost.agent.config.WebhookConfig;
import dev.outpost.sync.engine.SyncChanges;
import dev.outpost.sync.engine.SyncReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what a sync pass did into events ({@code pass.completed} or {@code pass.failed}, then one
 * {@code image.synced} per tag moved to a new image and one {@code image.deleted} per tag removed)
 * and hands them to every configured webhook's {@link WebhookSender}. {@link #passFinished} only
 * queues: it costs the pass no network time whatever the receivers do.
 */
public final class Notifier implements AutoCloseable {
  /** Events kept per webhook while its receiver is slow; beyond it the oldest are dropped. */
  static final int QUEUE_CAPACITY = 1000;

  private final List<WebhookSender> senders;
  private final String source;
  private final Clock clock;

  public Notifier(List<WebhookSender> senders, String source, Clock clock) {
    this.senders = List.copyOf(senders);
    this.source = source;
    this.clock = clock;
  }

  /** One sender per {@code notify.webhooks} item; secrets from files are read now. */
  public static Notifier of(NotifyConfig config, String source, MeterRegistry meters, Clock clock) {
    List<WebhookSender> senders = new ArrayList<>();
    for (int i = 0; i < config.webhooks().size(); i++) {
      WebhookConfig hook = config.webhooks().get(i);
      senders.add(new WebhookSender(URI.create(hook.url().trim()), new HashSet<>(hook.events()),
          hook.secretValue("notify.webhooks[" + i + "]").map(WebhookSignature::new), RetryBackoff.DEFAULT,
          QUEUE_CAPACITY, meters));
    }
    return new Notifier(senders, source, clock);
  }

  /** {@code //outpost/<host name>}: the CloudEvents source, which receivers use to tell sites apart. */
  public static String defaultSource() {
    try {
      return "//outpost/" + java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "//outpost";
    }
  }

  public boolean isEmpty() {
    return senders.isEmpty();
  }

  /** Queues the events of a pass that ran for {@code duration}. */
  public void passFinished(SyncReport report, Duration duration) {
    if (senders.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    publish(CloudEvent.of(report.complete() ? "pass.completed" : "pass.failed", source, now, null,
        passData(report, duration)));
    for (SyncChanges.TagMove move : report.changes().images()) {
      publish(CloudEvent.of("image.synced", source, now, move.toString(), Map.of("repository",
          move.repository().value(), "tag", move.tag().value(), "digest", move.digest().toString())));
    }
    for (SyncChanges.TagRef deleted : report.changes().deleted()) {
      publish(CloudEvent.of("image.deleted", source, now, deleted.toString(),
          Map.of("repository", deleted.repository().value(), "tag", deleted.tag().value())));
    }
  }

  private static Map<String, Object> passData(SyncReport report, Duration duration) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("repositories", report.repositories().size());
    data.put("failed", report.failed().stream().map(r -> Map.of("repository", r.repository().value(),
        "outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT), "reason", r.reason().orElse(""))).toList());
    data.put("imagesSynced", report.changes().images().size());
    data.put("imagesDeleted", report.changes().deleted().size());
    data.put("blobs", report.changes().blobs());
    data.put("bytes", report.changes().bytes());
    data.put("durationSeconds", duration.toMillis() / 1000.0);
    report.selectionFailure().ifPresent(reason -> data.put("reason", reason));
    return data;
  }

  void publish(CloudEvent event) {
    senders.forEach(s -> s.offer(event));
  }

  @Override
  public void close() {
    senders.forEach(WebhookSender::close);
  }

}
