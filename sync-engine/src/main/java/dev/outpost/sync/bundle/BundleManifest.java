package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a bundle holds, written as {@value #FILE_NAME} into every part (identical but for
 * {@link #part}). {@link #repositories} is the whole selection at creation time: every selected
 * tag and the manifests of its closure, carried or not (a delta omits what the site already has).
 * {@link #content} lists exactly what the bundle carries and in which part, so an import knows
 * whether a missing item is corrupt, or is waiting for another part, or was never needed.
 *
 * <p>Nothing here is trusted on import: every digest is re-computed over the bytes.
 */
public record BundleManifest(
    String id,
    Instant created,
    String source,
    Optional<InventoryRef> since,
    int part,
    int parts,
    SortedMap<RepositoryName, RepositoryContent> repositories,
    SortedMap<Digest, Item> content) {

  public static final String FILE_NAME = "outpost-bundle.json";
  public static final String FORMAT = "outpost-bundle/v1";

  public BundleManifest {
    if (parts < 1 || part < 1 || part > parts) {
      throw new IllegalArgumentException("part " + part + " of " + parts + " is not a part of a bundle");
    }
    repositories = Collections.unmodifiableSortedMap(new TreeMap<>(repositories));
    content = Collections.unmodifiableSortedMap(new TreeMap<>(content));
    for (Map.Entry<Digest, Item> e : content.entrySet()) {
      if (e.getValue().part() < 1 || e.getValue().part() > parts) {
        throw new IllegalArgumentException(e.getKey() + " is carried in part " + e.getValue().part() + " of " + parts);
      }
    }
  }

  /** The same manifest as written into part {@code n}. */
  public BundleManifest forPart(int n) {
    return new BundleManifest(id, created, source, since, n, parts, repositories, content);
  }

  /** The digests carried in part {@code n}. */
  public SortedSet<Digest> carriedIn(int n) {
    TreeSet<Digest> digests = new TreeSet<>();
    content.forEach((digest, item) -> {
      if (item.part() == n) {
        digests.add(digest);
      }
    });
    return digests;
  }

  /** The bytes the bundle carries in all parts. */
  public long carriedBytes() {
    return content.values().stream().mapToLong(Item::size).sum();
  }

  /** One repository of the selection: its tags and every manifest of their closures. */
  public record RepositoryContent(SortedMap<Tag, Digest> tags, SortedSet<Digest> manifests) {
    public RepositoryContent {
      tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
      manifests = Collections.unmodifiableSortedSet(new TreeSet<>(manifests));
    }

    public static RepositoryContent of(Map<Tag, Digest> tags, Set<Digest> manifests) {
      return new RepositoryContent(new TreeMap<>(tags), new TreeSet<>(manifests));
    }
  }

  /**
   * One carried digest: its size, its media type (always present for manifests, which are served
   * with the Content-Type they arrived with; absent for plain blobs) and the part that carries it.
   */
  public record Item(long size, Optional<MediaType> mediaType, int part) {
    public Item {
      if (size < 0) {
        throw new IllegalArgumentException("negative size " + size);
      }
    }

    public boolean isManifest() {
      return mediaType.isPresent();
    }
  }

  /** The site inventory a delta bundle was made against: its file's digest and when it was taken. */
  public record InventoryRef(Digest digest, Instant created) {}
}
