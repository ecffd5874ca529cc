package dev.outpost.store.gc;

import dev.outpost.store.StoreMaintenance;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the tagged images of a store for the quota: tags grouped by the manifest they point at
 * (two tags of one manifest are one image: removing one alone frees nothing), each with its
 * closure and last use. A dangling tag (its manifest gone) is no image.
 */
final class TaggedImages {
  private record Key(RepositoryName repository, Digest manifest) {}

  private TaggedImages() {}

  static List<TaggedImage> read(StoreMaintenance store) {
    Map<Key, List<Tag>> tagsByImage = new LinkedHashMap<>();
    store.forEachTag(t -> tagsByImage.computeIfAbsent(new Key(t.repository(), t.manifest()), k -> new ArrayList<>())
        .add(t.tag()));
    List<TaggedImage> images = new ArrayList<>(tagsByImage.size());
    tagsByImage.forEach((key, tags) -> image(store, key, tags).ifPresent(images::add));
    return images;
  }

  private static Optional<TaggedImage> image(StoreMaintenance store, Key root, List<Tag> tags) {
    Optional<StoredManifest> rootEntry = store.manifestEntry(root.repository(), root.manifest());
    if (rootEntry.isEmpty()) {
      return Optional.empty();
    }
    Set<Digest> manifests = new HashSet<>();
    Set<Digest> blobs = new HashSet<>();
    Deque<Digest> pending = new ArrayDeque<>();
    manifests.add(root.manifest());
    pending.push(root.manifest());
    Instant lastPulled = null;
    while (!pending.isEmpty()) {
      Digest digest = pending.pop();
      Optional<Instant> pulled = store.lastPulled(root.repository(), digest);
      if (pulled.isPresent() && (lastPulled == null || pulled.get().isAfter(lastPulled))) {
        lastPulled = pulled.get();
      }
      store.manifestEntry(root.repository(), digest).ifPresent(entry -> {
        blobs.addAll(entry.blobs());
        entry.childManifests().stream().filter(manifests::add).forEach(pending::push);
      });
      store.referrers(root.repository(), digest).stream().filter(manifests::add).forEach(pending::push);
    }
    return Optional.of(new TaggedImage(root.repository(), root.manifest(), tags, blobs, Optional.ofNullable(lastPulled),
        rootEntry.get().committedAt()));
  }
}
