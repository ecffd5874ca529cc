package dev.outpost.agent.maintenance;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.status.EvictedImage;
import dev.outpost.store.EvictedTag;
import dev.outpost.store.EvictedTags;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.gc.Quota;
import dev.outpost.store.gc.QuotaReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quota ({@code store.maxSize}) as the daemon runs it, after each sync pass and on the GC
 * schedule: evicts least recently pulled unpinned images, then runs garbage collection so the
 * bytes are freed. Counts evicted bytes in {@code outpost_store_evicted_bytes_total{reason}}
 * (reason {@value #REASON}), keeps {@code outpost_store_size_bytes} (committed blob bytes after the
 * run) and {@code outpost_store_max_size_bytes}. {@code outpost status} lists the last
 * {@value #REMEMBERED} evictions from the store's durable record ({@link EvictedTags}), so they
 * survive a restart. Without {@code store.maxSize} it neither evicts nor measures (no size gauges):
 * measuring enumerates every blob.
 */
public final class StoreQuota {
  static final String REASON = "max_size";
  static final int REMEMBERED = 50;

  private final LocalStore store;
  private final Optional<Quota> quota;
  private final StoreGc gc;
  private final Counter evicted;
  private final AtomicLong size = new AtomicLong();

  /** {@code pinned}: repositories whose images are never evicted (rules with {@code pinned: true}). */
  public StoreQuota(OutpostConfig config, LocalStore store, List<RepositoryPattern> pinned, StoreGc gc,
      MeterRegistry meters, Clock clock) {
    this.store = store;
    this.gc = gc;
    this.quota = config.store().quota().map(max ->
        new Quota(store, store, max.bytes(), pinned, config.store().gc().grace(), clock));
    this.evicted = Counter.builder("outpost_store_evicted_bytes").baseUnit("bytes").tag("reason", REASON)
        .description("Bytes of images the quota evicted (freed by the garbage collection that follows)")
        .register(meters);
    config.store().quota().ifPresent(max -> {
      Gauge.builder("outpost_store_size_bytes", size, AtomicLong::get).baseUnit("bytes")
          .description("Bytes of the committed blobs in the store, measured after each sync pass and GC")
          .register(meters);
      Gauge.builder("outpost_store_max_size_bytes", () -> max.bytes())
          .baseUnit("bytes").description("The quota, store.maxSize").register(meters);
    });
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
    if (quota.isPresent()) {
      measure(); // enumerates every blob: only worth it when there is a quota to measure against
    }
    return report;
  }

  /** The most recent evictions, newest first. */
  public List<EvictedImage> recentEvictions() {
    return recentEvictions(store);
  }

  /**
   * The most recent evictions recorded in {@code store}, newest first, at most {@value #REMEMBERED}:
   * the tags of one image evicted together make one entry.
   */
  public static List<EvictedImage> recentEvictions(EvictedTags store) {
    Map<List<Object>, List<EvictedTag>> images = new LinkedHashMap<>();
    for (EvictedTag e : store.evictedTags()) {
      images.computeIfAbsent(List.of(e.repository(), e.manifest(), e.at()), k -> new ArrayList<>()).add(e);
    }
    return images.values().stream().limit(REMEMBERED).map(tags -> {
      EvictedTag first = tags.getFirst();
      return new EvictedImage(first.at(), first.repository().value(),
          tags.stream().map(t -> t.tag().value()).sorted().toList(), first.manifest().toString(), first.bytes(),
          first.reason());
    }).toList();
  }

  private void measure() {
    long[] total = {0};
    store.forEachBlob(b -> total[0] += b.size());
    size.set(total[0]);
  }

  private void remember(QuotaReport report) {
    report.evictions().forEach(e -> evicted.increment(e.bytes()));
  }
}
