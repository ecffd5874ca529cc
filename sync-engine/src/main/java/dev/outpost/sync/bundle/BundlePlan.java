package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a bundle create writes, decided once and kept beside the output until it is finished, so an
 * interrupted create continues with the same id, the same tag digests and the same parts: the
 * bundle manifest (selection, carried items and their parts), the repository each item is read
 * from, each part's {@code index.json} entries, and what the delta left out. {@code options} names
 * the source and options the plan was made for; a rerun with others is refused.
 */
public record BundlePlan(
    String options,
    BundleManifest manifest,
    SortedMap<Digest, RepositoryName> from,
    SortedMap<Integer, List<LayoutIndex.Entry>> indexes,
    int skippedItems,
    long skippedBytes,
    List<String> warnings) {

  public BundlePlan {
    from = new TreeMap<>(from);
    TreeMap<Integer, List<LayoutIndex.Entry>> copy = new TreeMap<>();
    indexes.forEach((part, entries) -> copy.put(part, List.copyOf(entries)));
    indexes = copy;
    warnings = List.copyOf(warnings);
    for (Digest carried : manifest.content().keySet()) {
      if (!from.containsKey(carried)) {
        throw new IllegalArgumentException("the plan names no repository to read " + carried + " from");
      }
    }
  }

  /** The {@code index.json} entries of part {@code n}. */
  public List<LayoutIndex.Entry> index(int n) {
    return indexes.getOrDefault(n, List.of());
  }

  /** Every selected tag, over all repositories. */
  public int tagCount() {
    return manifest.repositories().values().stream().mapToInt(r -> r.tags().size()).sum();
  }
}
