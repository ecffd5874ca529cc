package dev.outpost.sync.engine;

import dev.outpost.store.BlobReader;
import dev.outpost.store.EvictedTag;
import dev.outpost.store.EvictedTags;
import dev.outpost.store.ManifestReader;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.manifest.ParsedManifest;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Orders a repository's wanted tags so that, within a window, the most images become pullable: the
 * tags whose missing bytes are fewest come first (an image that lacks one small layer before a new
 * image of a gigabyte). The missing bytes are summed from the manifests, read ahead through the
 * {@link PassCache} so the sync that follows reads them from there, not from the parent again.
 * Unchanged tags (and tags the quota evicted, unchanged upstream) cost their HEAD, as they would
 * anyway. A tag whose plan cannot be read keeps its
 * place at the end; syncing it reports why.
 */
final class TagOrder {
  private final PassCache source;
  private final ManifestReader manifests;
  private final BlobReader blobs;
  private final EvictedTags evictions;
  private final SyncSettings settings;

  TagOrder(PassCache source, ManifestReader manifests, BlobReader blobs, EvictedTags evictions, SyncSettings settings) {
    this.source = source;
    this.manifests = manifests;
    this.blobs = blobs;
    this.evictions = evictions;
    this.settings = settings;
  }

  List<Tag> fewestMissingBytesFirst(RepositoryName repo, RepositoryRule rule, List<Tag> wanted) {
    if (wanted.size() < 2) {
      return wanted;
    }
    record Planned(Tag tag, long missing, int index) {}
    List<Planned> planned = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      planned.add(new Planned(wanted.get(i), missingBytes(repo, rule, wanted.get(i)), i));
    }
    planned.sort(Comparator.comparingLong(Planned::missing).thenComparingInt(Planned::index));
    return planned.stream().map(Planned::tag).toList();
  }

  /** The bytes {@code tag} still needs; {@link Long#MAX_VALUE} when that cannot be told now. */
  private long missingBytes(RepositoryName repo, RepositoryRule rule, Tag tag) {
    try {
      ManifestHead head = source.headAhead(repo, new Reference.ByTag(tag));
      Optional<Digest> local = manifests.resolveTag(repo, tag);
      if (head.digest().isPresent() && head.digest().equals(local) && manifests.manifest(repo, local.get()).isPresent()) {
        return 0;
      }
      if (head.digest().isEmpty()) {
        return Long.MAX_VALUE; // read by tag later; its digest is what the bytes hash to
      }
      if (local.isEmpty() && evictions.evicted(repo, tag).map(EvictedTag::manifest).equals(head.digest())) {
        return 0; // evicted by the quota and unchanged upstream: the sync skips it, nothing to read
      }
      return missing(repo, rule, head.digest().get(), new HashSet<>());
    } catch (IOException | RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private long missing(RepositoryName repo, RepositoryRule rule, Digest digest, Set<Digest> counted) throws IOException {
    if (manifests.manifest(repo, digest).isPresent()) {
      return 0;
    }
    FetchedManifest fetched = source.readAhead(repo, new Reference.ByDigest(digest));
    ParsedManifest parsed = ManifestParser.parse(fetched.bytes(), fetched.contentType());
    long total = 0;
    switch (parsed) {
      case ImageIndex index -> {
        for (Descriptor child : index.manifests()) {
          if (child.platform().isEmpty() || settings.admits(rule, child.platform().get())) {
            total += missing(repo, rule, child.digest(), counted);
          }
        }
      }
      case ImageManifest image -> {
        for (Descriptor blob : image.children()) {
          if (counted.add(blob.digest()) && blobs.stat(blob.digest()).isEmpty()) {
            total += blob.size();
          }
        }
      }
    }
    return total;
  }
}
