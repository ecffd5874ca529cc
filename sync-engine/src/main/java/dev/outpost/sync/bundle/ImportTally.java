package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.engine.SyncListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens to the engine during an import: the bytes it reads, the tags it refuses and, for each
 * damaged item (a digest mismatch, a truncated or missing file), the images that needed it, so the
 * report names the item once with all of them. Called from the engine's worker threads.
 */
final class ImportTally implements SyncListener {
  /** A refused item: why, and the images ({@code repo:tag}) that needed it. */
  private record Refusal(String why, SortedSet<String> images) {}

  private final AtomicLong bytes = new AtomicLong();
  private final Map<Digest, Refusal> refusedItems = new ConcurrentHashMap<>();
  private final Map<RepositoryName, SortedSet<String>> refusedTags = new ConcurrentHashMap<>();
  /** Tag failures that name no item (a manifest the engine could not parse, say): reported as they are. */
  private final List<String> otherRefusals = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public void bytesProgressed(Digest digest, long n) {
    bytes.addAndGet(n);
  }

  @Override
  public void tagFailed(RepositoryName repository, Tag tag, Throwable failure) {
    String image = repository + ":" + tag;
    refusedTags.computeIfAbsent(repository, r -> java.util.Collections.synchronizedSortedSet(new TreeSet<>())).add(tag.value());
    Optional<Digest> item = damagedItem(failure);
    if (item.isPresent()) {
      refusal(item.get(), failure.getMessage()).images().add(image);
    } else {
      otherRefusals.add(image + ": " + failure.getMessage());
    }
  }

  /** An item that failed while being staged (no image of this import's selection asked for it yet). */
  void itemRefused(Digest digest, String why) {
    refusal(digest, why);
  }

  void staged(long n) {
    bytes.addAndGet(n);
  }

  long bytes() {
    return bytes.get();
  }

  List<String> refusedTags(RepositoryName repository) {
    SortedSet<String> tags = refusedTags.get(repository);
    return tags == null ? List.of() : List.copyOf(tags);
  }

  /** One line per refused item, naming it, why, and the images refused with it; then the other refusals. */
  List<String> rejected() {
    List<String> lines = new ArrayList<>();
    SortedMap<Digest, Refusal> sorted = new TreeMap<>(refusedItems);
    sorted.forEach((digest, r) -> lines.add(digest + " refused: " + r.why() + (r.images().isEmpty()
        ? " (no image of this import needs it yet)"
        : "; images refused with it: " + String.join(", ", new ArrayList<>(r.images())))));
    synchronized (otherRefusals) {
      lines.addAll(otherRefusals);
    }
    return lines;
  }

  private Refusal refusal(Digest digest, String why) {
    return refusedItems.computeIfAbsent(digest,
        d -> new Refusal(oneLine(why), java.util.Collections.synchronizedSortedSet(new TreeSet<>())));
  }

  private static String oneLine(String message) {
    return message == null ? "damaged" : message.replaceAll("\\s+", " ").strip();
  }

  /** The item a failure is about, when it is about a damaged one. */
  static Optional<Digest> damagedItem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DigestMismatchException mismatch) {
        return Optional.of(mismatch.expected());
      }
      if (t instanceof DamagedItemException damaged) {
        return Optional.of(damaged.digest());
      }
    }
    return Optional.empty();
  }
}
