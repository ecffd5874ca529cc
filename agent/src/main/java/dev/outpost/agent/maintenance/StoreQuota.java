package dev.outpost.agent.maintenance;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.status.EvictedImage;
import dev.outpost.agent.status.StatusRenderer;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.gc.Eviction;
import dev.outpost.store.gc.Quota;
import dev.outpost.store.gc.QuotaReport;
import dev.outpost.store.model.Tag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quota ({@code store.maxSize}) as the daemon runs it, after each sync pass and on the GC
 * schedule: evicts least recently pulled unpinned images, then runs garbage collection so the
 * bytes are freed. Counts evicted bytes in {@code outpost_store_evicted_bytes_total{reason}}
 * (reason {@value #REASON}), keeps {@code outpost_store_size_bytes} (committed blob bytes after the
 * run) and {@code outpost_store_max_size_bytes}, and remembers the last {@value #REMEMBERED}
 * evictions for {@code outpost status}. Without {@code store.maxSize} it only measures the size.
 */
public final class StoreQuota {
  static final String REASON = "max_size";
  static final int REMEMBERED = 50;

  private final LocalStore store;
  private final Optional<Quota> quota;
  private final StoreGc gc;
  private final Clock clock;
  private final Counter evicted;
  private final AtomicLong size = new AtomicLong();
  private final Deque<EvictedImage> recent = new ArrayDeque<>();

  /** {@code pinned}: repositories whose images are never evicted (rules with {@code pinned: true}). */
  public StoreQuota(OutpostConfig config, LocalStore store, List<RepositoryPattern> pinned, StoreGc gc,
      MeterRegistry meters, Clock clock) {
    this.store = store;
    this.gc = gc;
    this.clock = clock;
    this.quota = config.store().quota().map(max ->
        new Quota(store, store, max.bytes(), pinned, config.store().gc().grace(), clock));
    this.evicted = Counter.builder("outpost_store_evicted_bytes").baseUnit("bytes").tag("reason", REASON)
        .description("Bytes of images the quota evicted (freed by the garbage collection that follows)")
        .register(meters);
    Gauge.builder("outpost_store_size_bytes", size, AtomicLong::get).baseUnit("bytes")
        .description("Bytes of the committed blobs in the store, measured after each sync pass and GC").register(meters);
    config.store().quota().ifPresent(max -> Gauge.builder("outpost_store_max_size_bytes", () -> max.bytes())
        .baseUnit("bytes").description("The quota, store.maxSize").register(meters));
  }

  /**
   * Evicts what the quota asks, then collects garbage if anything was evicted ({@code alwaysCollect}:
   * in any case, as on the GC schedule); returns the quota's report, if there is a quota.
   */
  public Optional<QuotaReport> enforce(boolean alwaysCollect) {
    Optional<QuotaReport> report = quota.map(q -> gc.whileNotCollecting(q::enforce));
    report.ifPresent(this::remember);
    if (alwaysCollect || report.filter(r -> !r.evictions().isEmpty()).isPresent()) {
      gc.run(false);
    }
    measure();
    return report;
  }

  /** The most recent evictions, newest first. */
  public synchronized List<EvictedImage> recentEvictions() {
    return List.copyOf(recent);
  }

  private void measure() {
    long[] total = {0};
    store.forEachBlob(b -> total[0] += b.size());
    size.set(total[0]);
  }

  private synchronized void remember(QuotaReport report) {
    for (Eviction e : report.evictions()) {
      evicted.increment(e.bytes());
      recent.addFirst(new EvictedImage(clock.instant(), e.repository().value(), e.tags().stream().map(Tag::value).toList(),
          e.manifest().toString(), e.bytes(), why(report, e)));
      while (recent.size() > REMEMBERED) {
        recent.removeLast();
      }
    }
  }

  private static String why(QuotaReport report, Eviction e) {
    return "store over store.maxSize (" + StatusRenderer.size(report.sizeBefore()) + " > "
        + StatusRenderer.size(report.maxBytes()) + "), least recently pulled: "
        + e.lastPulled().map(t -> "last pulled " + t).orElse("never pulled, committed " + e.committedAt());
  }
}
