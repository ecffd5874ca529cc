package dev.outpost.store.gc;

import dev.outpost.store.StoreMaintenance;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The mark phase: from each root manifest, everything reachable in its repository (child
 * manifests of an index, referrers of any marked manifest) is live, and so is every blob of a live
 * image manifest. Memory grows with the live manifests and blobs, never with the number of tags
 * (tags are streamed, and many tags name the same manifest).
 */
final class Mark {
  private record ManifestKey(RepositoryName repository, Digest digest) {}

  private final StoreMaintenance store;
  private final Set<ManifestKey> manifests = new HashSet<>();
  private final Set<Digest> blobs = new HashSet<>();
  private final Deque<ManifestKey> pending = new ArrayDeque<>();

  Mark(StoreMaintenance store) {
    this.store = store;
  }

  /** Marks {@code digest} in {@code repository} and everything it reaches. */
  void root(RepositoryName repository, Digest digest) {
    visit(new ManifestKey(repository, digest));
    while (!pending.isEmpty()) {
      ManifestKey key = pending.pop();
      store.manifestEntry(key.repository(), key.digest()).ifPresent(this::follow);
      store.referrers(key.repository(), key.digest()).forEach(r -> visit(new ManifestKey(key.repository(), r)));
    }
  }

  /** Marks blob {@code digest} live by itself (content a pending bundle import keeps). */
  void keepBlob(Digest digest) {
    blobs.add(digest);
  }

  private void follow(StoredManifest manifest) {
    blobs.addAll(manifest.blobs());
    manifest.childManifests().forEach(child -> visit(new ManifestKey(manifest.repository(), child)));
  }

  private void visit(ManifestKey key) {
    if (manifests.add(key)) {
      pending.push(key);
    }
  }

  boolean isLive(RepositoryName repository, Digest manifest) {
    return manifests.contains(new ManifestKey(repository, manifest));
  }

  boolean isLiveBlob(Digest blob) {
    return blobs.contains(blob);
  }

  int liveManifests() {
    return manifests.size();
  }

  int liveBlobs() {
    return blobs.size();
  }
}
