package dev.outpost.sync.engine;

import dev.outpost.store.ManifestReader;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.source.ContentSource;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Brings the referrers (signatures, SBOMs, attestations) of a visible manifest from the source: the
 * manifest's, those of the children an index kept (per-platform SBOMs), and those of the referrers
 * themselves (a signed SBOM), each committed with its closure by the same path as any manifest, so
 * closure-before-visibility holds for them too. The source decides how it lists them (the referrers
 * API, or the {@code sha256-<hex>} tag schema); a present referrer costs nothing but the listing.
 */
final class ReferrerSync {
  /** A referrer graph bigger than this is a parent gone wrong, not signatures. */
  static final int MAX_REFERRERS = 1000;

  /** Makes a manifest (and its closure) visible in a repository, fetching what is absent. */
  @FunctionalInterface
  interface ManifestEnsurer {
    void ensure(RepositoryName repo, RepositoryRule rule, Digest digest) throws IOException;
  }

  private final ContentSource source;
  private final ManifestReader store;
  private final ManifestEnsurer ensurer;

  ReferrerSync(ContentSource source, ManifestReader store, ManifestEnsurer ensurer) {
    this.source = source;
    this.store = store;
    this.ensurer = ensurer;
  }

  /** Syncs every referrer reachable from {@code subject} (already visible in {@code repo}). */
  void sync(RepositoryName repo, RepositoryRule rule, Digest subject) throws IOException {
    Deque<Digest> pending = new ArrayDeque<>();
    pending.push(subject);
    presentChildren(repo, subject, pending);
    Set<Digest> seen = new HashSet<>(pending);
    while (!pending.isEmpty()) {
      for (Descriptor referrer : source.referrers(repo, pending.pop())) {
        if (seen.add(referrer.digest())) {
          if (seen.size() > MAX_REFERRERS) {
            throw new IOException("more than " + MAX_REFERRERS + " referrers reachable from " + repo + "@" + subject);
          }
          ensurer.ensure(repo, rule, referrer.digest());
          pending.push(referrer.digest());
        }
      }
    }
  }

  /** The children of an index that are here (the platform filter left the others out on purpose). */
  private void presentChildren(RepositoryName repo, Digest digest, Deque<Digest> into) {
    store.manifest(repo, digest).map(ManifestParser::parse).ifPresent(parsed -> {
      if (parsed instanceof ImageIndex index) {
        index.manifests().stream().map(Descriptor::digest)
            .filter(child -> store.manifest(repo, child).isPresent())
            .forEach(into::addLast);
      }
    });
  }
}
