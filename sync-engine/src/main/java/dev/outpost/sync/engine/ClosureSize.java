package dev.outpost.sync.engine;

import dev.outpost.store.ManifestReader;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sums the sizes of the unique blobs a repository's visible tags reference, from the local index. */
final class ClosureSize {
  private ClosureSize() {}

  static long of(ManifestReader store, RepositoryName repo) {
    Map<Digest, Long> blobs = new HashMap<>();
    Set<Digest> seen = new HashSet<>();
    for (Tag tag : store.tags(repo)) {
      store.resolveTag(repo, tag).ifPresent(d -> walk(store, repo, d, blobs, seen));
    }
    return blobs.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void walk(ManifestReader store, RepositoryName repo, Digest digest, Map<Digest, Long> blobs, Set<Digest> seen) {
    if (!seen.add(digest)) {
      return;
    }
    Optional<ManifestContent> content = store.manifest(repo, digest);
    if (content.isEmpty()) {
      return; // an intentionally absent child
    }
    switch (ManifestParser.parse(content.get())) {
      case ImageIndex index -> index.manifests().forEach(child -> walk(store, repo, child.digest(), blobs, seen));
      case ImageManifest image -> {
        for (Descriptor blob : image.children()) {
          blobs.putIfAbsent(blob.digest(), blob.size());
        }
      }
    }
  }
}
