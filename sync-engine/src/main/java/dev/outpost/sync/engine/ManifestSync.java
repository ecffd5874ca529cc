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
    if (head.digest().isPresent() && head.digest().equals(local) && store.manifest(repo, local.get()).isPresent()) {
      return;
    }
    ManifestContent content = head.digest().isPresent()
        ? fetchByDigest(repo, head.digest().get())
        : verified(registry.getManifest(repo, new Reference.ByTag(tag)), null);
    ensureManifest(repo, content);
    if (!local.equals(Optional.of(content.digest()))) {
      store.commitTag(repo, tag, content.digest());
    }
  }

  /** Makes {@code content} visible in {@code repo} after everything it references. */
  private void ensureManifest(RepositoryName repo, ManifestContent content) throws IOException {
    if (store.manifest(repo, content.digest()).isPresent()) {
      return;
    }
    ParsedManifest parsed = ManifestParser.parse(content);
    Set<Digest> absent = new HashSet<>();
    switch (parsed) {
      case ImageIndex index -> {
        for (Descriptor child : index.manifests()) {
          if (child.platform().isPresent() && !settings.admits(child.platform().get())) {
            absent.add(child.digest());
          } else {
            ensureManifest(repo, fetchByDigest(repo, child.digest()));
          }
        }
      }
      case ImageManifest image -> blobs.fetchAll(repo, image.children());
    }
    store.commitManifest(repo, content, absent);
  }

  private ManifestContent fetchByDigest(RepositoryName repo, Digest digest) throws IOException {
    Optional<ManifestContent> local = store.manifest(repo, digest);
    if (local.isPresent()) {
      return local.get();
    }
    return verified(registry.getManifest(repo, new Reference.ByDigest(digest)), digest);
  }

  /** Hashes the bytes we received; {@code expected} is the digest we asked for, when we asked by digest. */
  private static ManifestContent verified(FetchedManifest fetched, Digest expected) {
    return ManifestContent.verified(fetched.bytes(), fetched.contentType(), expected);
  }
}
