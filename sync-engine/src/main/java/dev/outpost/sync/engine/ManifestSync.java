package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.manifest.ParsedManifest;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.registry.FetchedManifest;
import dev.outpost.sync.registry.ManifestHead;
import dev.outpost.sync.registry.RegistryClient;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Syncs one tag of one repository, committing in the order DESIGN invariant 2 asks: blobs, then
 * child manifests, then the index or manifest, then the tag. An unchanged tag (the HEAD digest
 * equals the local tag's, whose closure is present) costs one HEAD and nothing else.
 */
final class ManifestSync {
  /** Fetches a set of blobs (possibly in parallel), returning when all are committed. */
  @FunctionalInterface
  interface BlobBatch {
    void fetchAll(RepositoryName repo, List<Descriptor> blobs) throws IOException;
  }

  private final RegistryClient registry;
  private final LocalStore store;
  private final SyncSettings settings;
  private final BlobBatch blobs;

  ManifestSync(RegistryClient registry, LocalStore store, SyncSettings settings, BlobBatch blobs) {
    this.registry = registry;
    this.store = store;
    this.settings = settings;
    this.blobs = blobs;
  }

  void syncTag(RepositoryName repo, Tag tag) throws IOException {
    ManifestHead head = registry.headManifest(repo, new Reference.ByTag(tag));
    Optional<Digest> local = store.resolveTag(repo, tag);
    // commitTag refuses absent manifests, but manifests can go later (GC, verify --repair) and leave
    // the tag behind; so an equal digest counts as up to date only while its manifest is present.
    // A present manifest has its closure (commitManifest checked it; GC sweeps only unreachable content).
    if (head.digest().isPresent() && head.digest().equals(local) && store.manifest(repo, local.get()).isPresent()) {
      return;
    }
    Digest digest;
    if (head.digest().isPresent()) {
      digest = head.digest().get();
      ensureByDigest(repo, digest);
    } else {
      // Asked by tag: there is no digest to compare with, the digest is what the bytes hash to.
      FetchedManifest fetched = registry.getManifest(repo, new Reference.ByTag(tag));
      ManifestContent content = ManifestContent.of(fetched.bytes(), fetched.contentType());
      if (store.manifest(repo, content.digest()).isEmpty()) {
        commitWithClosure(repo, content);
      }
      digest = content.digest();
    }
    if (!local.equals(Optional.of(digest))) {
      store.commitTag(repo, tag, digest);
    }
  }

  /** Makes manifest {@code digest} visible in {@code repo}, fetching it (and its closure) when absent. */
  private void ensureByDigest(RepositoryName repo, Digest digest) throws IOException {
    if (store.manifest(repo, digest).isPresent()) {
      return;
    }
    FetchedManifest fetched = registry.getManifest(repo, new Reference.ByDigest(digest));
    commitWithClosure(repo, ManifestContent.verified(fetched.bytes(), fetched.contentType(), digest));
  }

  /** Commits the absent manifest {@code content} after everything it references. */
  private void commitWithClosure(RepositoryName repo, ManifestContent content) throws IOException {
    ParsedManifest parsed = ManifestParser.parse(content);
    Set<Digest> absent = new HashSet<>();
    switch (parsed) {
      case ImageIndex index -> {
        for (Descriptor child : index.manifests()) {
          if (child.platform().isPresent() && !settings.admits(child.platform().get())) {
            absent.add(child.digest());
          } else {
            ensureByDigest(repo, child.digest());
          }
        }
      }
      case ImageManifest image -> blobs.fetchAll(repo, image.children());
    }
    store.commitManifest(repo, content, absent);
  }
}
