package dev.outpost.sync.bundle;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.engine.SourceSelection;
import dev.outpost.sync.engine.SyncSettings;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides what a bundle carries: sync's selection over the source ({@link SourceSelection}: the
 * same repository rules, tag rules and platform filter), each selected tag's closure in commit
 * order, minus what the site's inventory says it holds ({@code --since}: blobs by digest, manifests
 * per repository), each digest once, in parts of at most {@code maxPartSize}. The bundle manifest
 * still lists the whole selection, carried or not.
 */
public final class BundlePlanner {
  /** The inventory a delta is made against, and the digest of its file (recorded in the bundle). */
  public record Since(Inventory inventory, Digest file) {}

  private BundlePlanner() {}

  /** One selected tag and the digests of its closure, for {@code index.json}. */
  private record TagClosure(RepositoryName repo, Tag tag, Descriptor top, List<Digest> closure) {}

  public static BundlePlan plan(dev.outpost.sync.source.ContentSource source, SyncSettings settings,
      Optional<Since> since, long maxPartSize, String options, Instant created, String id) throws IOException {
    ClosureWalker walker = new ClosureWalker(source, settings);
    SortedMap<RepositoryName, BundleManifest.RepositoryContent> repositories = new TreeMap<>();
    List<TagClosure> tags = new ArrayList<>();
    Map<Digest, ClosureWalker.Node> carried = new LinkedHashMap<>();
    Map<Digest, RepositoryName> from = new TreeMap<>();
    Set<Digest> skipped = new HashSet<>();
    long skippedBytes = 0;
    for (SourceSelection.SelectedRepository selected : SourceSelection.select(source, settings)) {
      RepositoryName repo = selected.repository();
      SortedMap<Tag, Digest> tagDigests = new TreeMap<>();
      SortedSet<Digest> manifests = new TreeSet<>();
      for (Tag tag : selected.tags()) {
        ClosureWalker.Walked walked = walker.walk(repo, selected.rule(), tag);
        tagDigests.put(tag, walked.top().digest());
        List<Digest> closure = new ArrayList<>();
        for (ClosureWalker.Node node : walked.closure()) {
          closure.add(node.digest());
          if (node.manifestType().isPresent()) {
            manifests.add(node.digest());
          }
          if (carried.containsKey(node.digest())) {
            continue;
          }
          if (siteHolds(since, repo, node)) {
            if (skipped.add(node.digest())) {
              skippedBytes += node.size();
            }
            continue;
          }
          // A manifest the site holds in another repository is carried after all (visibility is per repository).
          if (skipped.remove(node.digest())) {
            skippedBytes -= node.size();
          }
          carried.put(node.digest(), node);
          from.put(node.digest(), repo);
        }
        tags.add(new TagClosure(repo, tag, walked.top(), closure));
      }
      repositories.put(repo, BundleManifest.RepositoryContent.of(tagDigests, manifests));
    }
    PartAssigner parts = new PartAssigner(maxPartSize, carried.size());
    SortedMap<Digest, BundleManifest.Item> content = new TreeMap<>();
    for (ClosureWalker.Node node : carried.values()) {
      content.put(node.digest(), new BundleManifest.Item(node.size(), node.manifestType(),
          parts.assign((node.manifestType().isPresent() ? "manifest " : "blob ") + node.digest(), node.size())));
    }
    BundleManifest manifest = new BundleManifest(id, created, source.describe(),
        since.map(s -> new BundleManifest.InventoryRef(s.file(), s.inventory().created())), 1, parts.parts(),
        repositories, content);
    return new BundlePlan(options, manifest, new TreeMap<>(from), indexes(tags, content), skipped.size(), skippedBytes,
        parts.warnings());
  }

  private static boolean siteHolds(Optional<Since> since, RepositoryName repo, ClosureWalker.Node node) {
    if (since.isEmpty()) {
      return false;
    }
    return node.manifestType().isPresent()
        ? since.get().inventory().holdsManifest(repo, node.digest())
        : since.get().inventory().holdsBlob(node.digest());
  }

  /** A tag goes into the index of the part that carries its whole closure, if one does. */
  private static SortedMap<Integer, List<LayoutIndex.Entry>> indexes(List<TagClosure> tags,
      SortedMap<Digest, BundleManifest.Item> content) {
    SortedMap<Integer, List<LayoutIndex.Entry>> indexes = new TreeMap<>();
    for (TagClosure t : tags) {
      Set<Integer> parts = new HashSet<>();
      boolean whole = true;
      for (Digest d : t.closure()) {
        BundleManifest.Item item = content.get(d);
        whole &= item != null;
        if (item != null) {
          parts.add(item.part());
        }
      }
      if (whole && parts.size() == 1) {
        indexes.computeIfAbsent(parts.iterator().next(), p -> new ArrayList<>())
            .add(LayoutIndex.Entry.bundled(t.top(), t.repo() + ":" + t.tag()));
      }
    }
    return indexes;
  }
}
