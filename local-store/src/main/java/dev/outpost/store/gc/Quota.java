package dev.outpost.store.gc;

import dev.outpost.store.CollectionGuard;
import dev.outpost.store.EvictedTag;
import dev.outpost.store.ManifestReader;
import dev.outpost.store.StoreMaintenance;
import dev.outpost.store.StoredBlob;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's size quota ({@code store.maxSize}). When the committed blobs exceed {@code maxBytes},
 * evicts tagged images, least recently pulled first (never pulled: by commit time), until what
 * garbage collection will leave fits; the caller then runs garbage collection, which frees the
 * bytes. Eviction removes tags only, so content stays servable by digest until that collection,
 * and it skips pinned repositories and content in use (see {@link EvictionPlan}).
 *
 * <p>The plan is made inside a {@link CollectionGuard.Session}, and each image's tags are removed
 * in an exclusive section after checking the tag still points where the plan saw it: a tag a sync
 * moved meanwhile names other content, and stays. Pull times come from {@link
 * dev.outpost.store.PullHistory}: read here, never written.
 */
public final class Quota {
  private static final Logger LOG = LoggerFactory.getLogger(Quota.class);

  private final StoreMaintenance store;
  private final ManifestReader tags;
  private final long maxBytes;
  private final List<RepositoryPattern> pinned;
  private final Duration grace;
  private final Clock clock;

  /**
   * {@code grace} is garbage collection's: content used more recently than that is not evicted,
   * since the collection would keep it anyway.
   */
  public Quota(StoreMaintenance store, ManifestReader tags, long maxBytes, List<RepositoryPattern> pinned,
      Duration grace, Clock clock) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    this.store = store;
    this.tags = tags;
    this.maxBytes = maxBytes;
    this.pinned = List.copyOf(pinned);
    this.grace = grace;
    this.clock = clock;
  }

  public QuotaReport enforce() {
    Map<Digest, StoredBlob> blobs = new HashMap<>();
    long[] size = {0};
    store.forEachBlob(b -> {
      blobs.put(b.digest(), b);
      size[0] += b.size();
    });
    if (size[0] <= maxBytes) {
      return QuotaReport.within(maxBytes, size[0]);
    }
    Instant cutoff = clock.instant().minus(grace);
    List<TaggedImage> images = TaggedImages.read(store);
    List<Eviction> evictions = new ArrayList<>();
    EvictionPlan.Result plan;
    try (CollectionGuard.Session session = store.beginCollection(cutoff)) {
      plan = new EvictionPlan(blobs, pinned, cutoff, session).choose(images, size[0], maxBytes);
      for (EvictionPlan.Choice choice : plan.chosen()) {
        String reason = reason(size[0], choice.image());
        List<Tag> removed = session.exclusively(() -> removeTags(choice, reason));
        if (!removed.isEmpty()) {
          TaggedImage image = choice.image();
          evictions.add(new Eviction(image.repository(), removed, image.manifest(), choice.bytes(),
              image.lastPulled(), image.committedAt()));
        }
      }
    }
    QuotaReport report = new QuotaReport(maxBytes, size[0], plan.sizeAfter(), evictions);
    evictions.forEach(e -> LOG.info("quota: evicted {}", e.describe()));
    if (!report.satisfied()) {
      LOG.warn("quota: the store stays over its quota of {} bytes ({} bytes after collection):"
          + " what is left is pinned, in use or recently used", maxBytes, report.sizeAfter());
    }
    return report;
  }

  /**
   * The image's tags that still point at it, removed, each with its durable eviction record (so
   * sync does not fetch the image again while upstream still has it); runs while no commit runs.
   */
  private List<Tag> removeTags(EvictionPlan.Choice choice, String reason) {
    TaggedImage image = choice.image();
    Instant now = clock.instant();
    List<Tag> removed = new ArrayList<>();
    for (Tag tag : image.tags()) {
      if (tags.resolveTag(image.repository(), tag).filter(image.manifest()::equals).isPresent()
          && store.evictTag(new EvictedTag(image.repository(), tag, image.manifest(), now, choice.bytes(), reason))) {
        removed.add(tag);
      }
    }
    return removed;
  }

  private String reason(long sizeBefore, TaggedImage image) {
    return "store over store.maxSize (" + sizeBefore + " bytes > " + maxBytes + " bytes), least recently pulled: "
        + image.lastPulled().map(t -> "last pulled " + t).orElse("never pulled, committed " + image.committedAt());
  }
}
