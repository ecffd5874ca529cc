package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** A real pass's actions: writes to the store and fetches blobs, logging each change. */
final class StoreActions implements PassActions {
  private final LocalStore store;
  private final ManifestSync.BlobBatch blobs;
  private final ChangeLog changes = new ChangeLog();

  StoreActions(LocalStore store, ManifestSync.BlobBatch blobs) {
    this.store = store;
    this.blobs = blobs;
  }

  @Override
  public void fetchBlobs(RepositoryName repo, List<Descriptor> wanted) throws IOException {
    List<Descriptor> absent = wanted.stream().filter(b -> store.stat(b.digest()).isEmpty()).toList();
    blobs.fetchAll(repo, absent);
    absent.forEach(b -> changes.blobFetched(b.digest(), b.size()));
  }

  @Override
  public void commitManifest(RepositoryName repo, ManifestContent content, Set<Digest> intentionallyAbsent) {
    store.commitManifest(repo, content, intentionallyAbsent);
  }

  @Override
  public void commitTag(RepositoryName repo, Tag tag, Digest manifest) {
    store.commitTag(repo, tag, manifest);
    changes.tagMoved(repo, tag, manifest);
  }

  @Override
  public void removeTag(RepositoryName repo, Tag tag) {
    store.removeTag(repo, tag);
    store.clearMissing(repo, tag);
    changes.tagDeleted(repo, tag);
  }

  @Override
  public void markMissing(RepositoryName repo, Tag tag, Instant firstSeen) {
    store.markMissing(repo, tag, firstSeen);
  }

  @Override
  public void clearMissing(RepositoryName repo, Tag tag) {
    store.clearMissing(repo, tag);
  }

  @Override
  public void clearEvicted(RepositoryName repo, Tag tag) {
    store.clearEvicted(repo, tag);
  }

  @Override
  public void putSyncState(Supplier<RepoSyncState> state) {
    store.putSyncState(state.get());
  }

  @Override
  public ChangeLog changes() {
    return changes;
  }
}
