package dev.outpost.sync.bundle;

import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.FetchedManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the closure of a tag as sync would fetch it: an index's children that the rule's platforms
 * admit (the rest are left out, as sync records them intentionally absent), an image's config and
 * layers. Manifests are read from the source and verified by digest; blobs are only named (their
 * sizes are the manifests' claims, checked when the bytes are copied). The order is sync's commit
 * order: blobs, then manifests bottom-up, the top manifest last.
 */
final class ClosureWalker {
  /** One item of a closure; {@code manifestType} is present for manifests (the Content-Type they came with). */
  record Node(Digest digest, long size, Optional<MediaType> manifestType) {}

  /** A tag's top manifest and its closure, top last. */
  record Walked(Descriptor top, List<Node> closure) {}

  private final ContentSource source;
  private final SyncSettings settings;
  /** Closures by manifest digest and rule platforms: images shared by tags and repositories are read once. */
  private final Map<String, List<Node>> known = new HashMap<>();

  ClosureWalker(ContentSource source, SyncSettings settings) {
    this.source = source;
    this.settings = settings;
  }

  Walked walk(RepositoryName repo, RepositoryRule rule, Tag tag) throws IOException {
    FetchedManifest fetched = source.getManifest(repo, new Reference.ByTag(tag));
    ManifestContent top = ManifestContent.of(fetched.bytes(), fetched.contentType());
    return new Walked(Descriptor.of(top.contentType(), top.digest(), top.size()), closure(repo, rule, top));
  }

  private List<Node> closure(RepositoryName repo, RepositoryRule rule, ManifestContent manifest) throws IOException {
    String key = manifest.digest() + " " + rule.platforms();
    List<Node> cached = known.get(key);
    if (cached != null) {
      return cached;
    }
    Map<Digest, Node> nodes = new LinkedHashMap<>();
    switch (ManifestParser.parse(manifest)) {
      case ImageIndex index -> {
        for (Descriptor child : index.manifests()) {
          if (child.platform().isEmpty() || settings.admits(rule, child.platform().get())) {
            FetchedManifest fetched = source.getManifest(repo, new Reference.ByDigest(child.digest()));
            for (Node n : closure(repo, rule, ManifestContent.verified(fetched.bytes(), fetched.contentType(), child.digest()))) {
              nodes.putIfAbsent(n.digest(), n);
            }
          }
        }
      }
      case ImageManifest image -> image.children().forEach(
          blob -> nodes.putIfAbsent(blob.digest(), new Node(blob.digest(), blob.size(), Optional.empty())));
    }
    nodes.put(manifest.digest(), new Node(manifest.digest(), manifest.size(), Optional.of(manifest.contentType())));
    List<Node> closure = List.copyOf(new ArrayList<>(nodes.values()));
    known.put(key, closure);
    return closure;
  }
}
