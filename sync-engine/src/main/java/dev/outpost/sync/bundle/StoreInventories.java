package dev.outpost.sync.bundle;

import dev.outpost.store.StoreInventory;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A site's {@link Inventory} from its store, through the store's one enumeration (the one GC and
 * verify use): every tag, every visible manifest per repository, every committed blob. Partial
 * downloads are not held, so they are not listed.
 */
public final class StoreInventories {
  private StoreInventories() {}

  public static Inventory of(StoreInventory store, Instant now, String name) {
    SortedMap<RepositoryName, SortedMap<Tag, Digest>> tags = new TreeMap<>();
    SortedMap<RepositoryName, SortedSet<Digest>> manifests = new TreeMap<>();
    SortedSet<Digest> blobs = new TreeSet<>();
    store.forEachTag(t -> tags.computeIfAbsent(t.repository(), r -> new TreeMap<>()).put(t.tag(), t.manifest()));
    store.forEachManifest(m -> manifests.computeIfAbsent(m.repository(), r -> new TreeSet<>()).add(m.digest()));
    store.forEachBlob(b -> blobs.add(b.digest()));
    SortedMap<RepositoryName, Inventory.Repository> repos = new TreeMap<>();
    TreeSet<RepositoryName> names = new TreeSet<>(tags.keySet());
    names.addAll(manifests.keySet());
    for (RepositoryName repo : names) {
      repos.put(repo, new Inventory.Repository(tags.getOrDefault(repo, new TreeMap<>()),
          manifests.getOrDefault(repo, new TreeSet<>())));
    }
    return new Inventory(now, name, repos, blobs);
  }
}
