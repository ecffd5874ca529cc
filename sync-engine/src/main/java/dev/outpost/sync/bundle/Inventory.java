package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a site's store holds, carried upstream so that {@code bundle create --since} writes only
 * what the site lacks: every tag, the manifests present per repository (a manifest is visible per
 * repository, so one held elsewhere is carried again; manifests are small), and every committed
 * blob (blobs are shared across repositories).
 */
public record Inventory(Instant created, String store, SortedMap<RepositoryName, Repository> repositories,
    SortedSet<Digest> blobs) {

  public static final String FORMAT = "outpost-inventory/v1";

  public Inventory {
    repositories = Collections.unmodifiableSortedMap(new TreeMap<>(repositories));
    blobs = Collections.unmodifiableSortedSet(new TreeSet<>(blobs));
  }

  /** True if the site holds manifest {@code digest} visible in {@code repo}. */
  public boolean holdsManifest(RepositoryName repo, Digest digest) {
    Repository r = repositories.get(repo);
    return r != null && r.manifests().contains(digest);
  }

  /** True if the site holds blob {@code digest} (in any repository). */
  public boolean holdsBlob(Digest digest) {
    return blobs.contains(digest);
  }

  /** One repository of the site: its tags and the manifests present in it. */
  public record Repository(SortedMap<Tag, Digest> tags, SortedSet<Digest> manifests) {
    public Repository {
      tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
      manifests = Collections.unmodifiableSortedSet(new TreeSet<>(manifests));
    }

    public static Repository of(java.util.Map<Tag, Digest> tags, Set<Digest> manifests) {
      return new Repository(new TreeMap<>(tags), new TreeSet<>(manifests));
    }
  }
}
