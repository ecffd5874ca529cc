package dev.outpost.store.gc;

import dev.outpost.store.CollectionGuard;
import dev.outpost.store.StoredBlob;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Digest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which images the quota evicts: least recently used first, until what garbage collection
 * would leave fits in the quota. Counts, per blob, the kept images that reference it, so an image
 * frees only the blobs no other kept image shares. Never picks a pinned image, one used within the
 * grace period (garbage collection would keep it anyway), one whose content is in use for the
 * collection session, or one whose every blob a pinned or in-use image keeps (it would free nothing).
 */
final class EvictionPlan {
  /** One chosen image and the bytes its eviction frees. */
  record Choice(TaggedImage image, long bytes) {}

  private static final Comparator<TaggedImage> LEAST_RECENTLY_USED = Comparator.comparing(TaggedImage::lastUsed)
      .thenComparing(i -> i.repository().value()).thenComparing(i -> i.manifest().toString());

  private final Map<Digest, StoredBlob> blobs;
  private final List<RepositoryPattern> pinned;
  private final Instant cutoff;
  private final CollectionGuard.Session session;
  private final Map<Digest, Integer> references = new HashMap<>();
  private final Set<Digest> kept = new HashSet<>();

  EvictionPlan(Map<Digest, StoredBlob> blobs, List<RepositoryPattern> pinned, Instant cutoff,
      CollectionGuard.Session session) {
    this.blobs = blobs;
    this.pinned = List.copyOf(pinned);
    this.cutoff = cutoff;
    this.session = session;
  }

  /** The images to evict, in order, and the size garbage collection is expected to leave. */
  Result choose(List<TaggedImage> images, long size, long maxBytes) {
    List<TaggedImage> candidates = new ArrayList<>();
    for (TaggedImage image : images) {
      image.blobs().forEach(b -> references.merge(b, 1, Integer::sum));
      if (evictable(image)) {
        candidates.add(image);
      } else {
        kept.addAll(image.blobs());
      }
    }
    long projected = size - unreferencedGarbage();
    candidates.sort(LEAST_RECENTLY_USED);
    List<Choice> chosen = new ArrayList<>();
    for (TaggedImage image : candidates) {
      if (projected <= maxBytes) {
        break;
      }
      if (kept.containsAll(image.blobs()) && !image.blobs().isEmpty()) {
        continue;
      }
      long freed = release(image);
      projected -= freed;
      chosen.add(new Choice(image, freed));
    }
    return new Result(chosen, projected);
  }

  record Result(List<Choice> chosen, long sizeAfter) {}

  private boolean evictable(TaggedImage image) {
    return pinned.stream().noneMatch(p -> p.matches(image.repository()))
        && image.lastUsed().isBefore(cutoff)
        && !session.inUse(image.manifest())
        && image.blobs().stream().noneMatch(session::inUse);
  }

  /** Blobs no tagged image references, which the next collection frees whatever the quota does. */
  private long unreferencedGarbage() {
    return blobs.values().stream()
        .filter(b -> !references.containsKey(b.digest()) && b.committedAt().isBefore(cutoff) && !session.inUse(b.digest()))
        .mapToLong(StoredBlob::size).sum();
  }

  private long release(TaggedImage image) {
    long freed = 0;
    for (Digest blob : image.blobs()) {
      if (references.merge(blob, -1, Integer::sum) == 0) {
        StoredBlob stored = blobs.get(blob);
        freed += stored == null ? 0 : stored.size();
      }
    }
    return freed;
  }
}
