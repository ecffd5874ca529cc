package dev.outpost.sync.engine;

import dev.outpost.store.EvictedTag;
import dev.outpost.store.EvictedTags;
import dev.outpost.store.ManifestReader;
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
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.select.RepositoryRule;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Syncs one tag of one repository, committing in the order DESIGN invariant 2 asks: blobs, then
 * child manifests, then the index or manifest, then the tag. An unchanged tag (the HEAD digest
 * equals the local tag's, whose closure is present) costs one HEAD and nothing else, and so does a
 * tag the quota evicted whose HEAD digest is still the evicted manifest: fetching it again would
 * only have the quota evict it again. Once the tag moves upstream, the record is cleared and the
 * new image synced. With {@code referrers: true} on the rule, the referrers of the tag's manifest
 * follow it ({@link ReferrerSync}), also when the tag was unchanged.
 */
final class ManifestSync {
  /** Fetches a set of blobs (possibly in parallel), returning when all are committed. */
  @FunctionalInterface
  interface BlobBatch {
    void fetchAll(RepositoryName repo, List<Descriptor> blobs) throws IOException;
  }

  private final ContentSource source;
  private final ManifestReader store;
  private final SyncSettings settings;
  private final PassActions actions;
  private final EvictedTags evictions;
  private final ReferrerSync referrers;

  ManifestSync(ContentSource source, ManifestReader store, EvictedTags evictions, SyncSettings settings,
      PassActions actions) {
    this.source = source;
    this.store = store;
    this.evictions = evictions;
    this.settings = settings;
    this.actions = actions;
    this.referrers = new ReferrerSync(source, store, this::ensureByDigest);
  }

  /** Brings {@code tag} of {@code repo} up to date; {@code rule} says which platforms of an index to keep. */
  void syncTag(RepositoryName repo, RepositoryRule rule, Tag tag) throws IOException {
    Optional<Digest> visible = bringUpToDate(repo, rule, tag);
    if (rule.referrers() && visible.isPresent()) {
      referrers.sync(repo, rule, visible.get());
    }
  }

  /** The tag's manifest once it is visible here; empty when the quota's eviction stands. */
  private Optional<Digest> bringUpToDate(RepositoryName repo, RepositoryRule rule, Tag tag) throws IOException {
    ManifestHead head = source.headManifest(repo, new Reference.ByTag(tag));
    Optional<Digest> local = store.resolveTag(repo, tag);
    // commitTag refuses absent manifests, but manifests can go later (GC, verify --repair) and leave
    // the tag behind; so an equal digest counts as up to date only while its manifest is present.
    // A present manifest has its closure (commitManifest checked it; GC sweeps only unreachable content).
    if (head.digest().isPresent() && head.digest().equals(local) && store.manifest(repo, local.get()).isPresent()) {
      return local;
    }
    if (local.isEmpty() && head.digest().isPresent() && stillEvicted(repo, tag, head.digest().get())) {
      return Optional.empty();
    }
    Digest digest;
    if (head.digest().isPresent()) {
      digest = head.digest().get();
      ensureByDigest(repo, rule, digest);
    } else {
      // Asked by tag: there is no digest to compare with, the digest is what the bytes hash to.
      FetchedManifest fetched = source.getManifest(repo, new Reference.ByTag(tag));
      ManifestContent content = ManifestContent.of(fetched.bytes(), fetched.contentType());
      if (store.manifest(repo, content.digest()).isEmpty()) {
        commitWithClosure(repo, rule, content);
      }
      digest = content.digest();
    }
    if (!local.equals(Optional.of(digest))) {
      actions.commitTag(repo, tag, digest);
    }
    return Optional.of(digest);
  }

  /**
   * True if the quota evicted {@code tag} while it pointed at {@code upstream}; a record of another
   * digest is cleared (the tag moved upstream, so the new image is wanted). Without a digest in the
   * HEAD response the tag cannot be compared and is synced as before.
   */
  private boolean stillEvicted(RepositoryName repo, Tag tag, Digest upstream) {
    Optional<EvictedTag> evicted = evictions.evicted(repo, tag);
    if (evicted.isEmpty()) {
      return false;
    }
    if (evicted.get().manifest().equals(upstream)) {
      actions.changes().skippedEvicted(repo, tag);
      return true;
    }
    actions.clearEvicted(repo, tag);
    return false;
  }

  /** Makes manifest {@code digest} visible in {@code repo}, fetching it (and its closure) when absent. */
  private void ensureByDigest(RepositoryName repo, RepositoryRule rule, Digest digest) throws IOException {
    if (store.manifest(repo, digest).isPresent()) {
      return;
    }
    FetchedManifest fetched = source.getManifest(repo, new Reference.ByDigest(digest));
    commitWithClosure(repo, rule, ManifestContent.verified(fetched.bytes(), fetched.contentType(), digest));
  }

  /** Commits the absent manifest {@code content} after everything it references. */
  private void commitWithClosure(RepositoryName repo, RepositoryRule rule, ManifestContent content) throws IOException {
    ParsedManifest parsed = ManifestParser.parse(content);
    Set<Digest> absent = new HashSet<>();
    switch (parsed) {
      case ImageIndex index -> {
        // Every child is tried even after one fails: what a bundle part holds of the others is
        // still committed (the next part then brings only the rest). The worst failure is thrown.
        Throwable failed = null;
        for (Descriptor child : index.manifests()) {
          if (child.platform().isPresent() && !settings.admits(rule, child.platform().get())) {
            absent.add(child.digest());
            continue;
          }
          try {
            ensureByDigest(repo, rule, child.digest());
          } catch (SyncStoppedException e) {
            throw e;
          } catch (IOException | RuntimeException e) {
            failed = Failures.worse(failed, e);
          }
        }
        rethrow(failed);
      }
      case ImageManifest image -> actions.fetchBlobs(repo, image.children());
    }
    actions.commitManifest(repo, content, absent);
  }

  private static void rethrow(Throwable failure) throws IOException {
    switch (failure) {
      case null -> { }
      case IOException io -> throw io;
      case RuntimeException re -> throw re;
      default -> throw new IOException(failure.getMessage(), failure);
    }
  }
}
