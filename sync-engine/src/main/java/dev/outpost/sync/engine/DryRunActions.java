package dev.outpost.sync.engine;

import dev.outpost.store.BlobReader;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A dry run's actions: log what a pass would change and change nothing. No blob byte is fetched
 * (a blob absent from the store counts with the size its manifest gives), nothing is written to
 * the index, not even the first sighting of a missing tag.
 */
final class DryRunActions implements PassActions {
  private final BlobReader blobs;
  private final ChangeLog changes = new ChangeLog();

  DryRunActions(BlobReader blobs) {
    this.blobs = blobs;
  }

  @Override
  public void fetchBlobs(RepositoryName repo, List<Descriptor> wanted) {
    wanted.stream().filter(b -> blobs.stat(b.digest()).isEmpty()).forEach(b -> changes.blobFetched(b.digest(), b.size()));
  }

  @Override
  public void commitManifest(RepositoryName repo, ManifestContent content, Set<Digest> intentionallyAbsent) {
    // nothing: the manifest would be committed after its blobs
  }

  @Override
  public void commitTag(RepositoryName repo, Tag tag, Digest manifest) {
    changes.tagMoved(repo, tag, manifest);
  }

  @Override
  public void removeTag(RepositoryName repo, Tag tag) {
    changes.tagDeleted(repo, tag);
  }

  @Override
  public void markMissing(RepositoryName repo, Tag tag, Instant firstSeen) {
    // nothing: the real pass records the first sighting
  }

  @Override
  public void clearMissing(RepositoryName repo, Tag tag) {
    // nothing
  }

  @Override
  public void clearEvicted(RepositoryName repo, Tag tag) {
    // nothing
  }

  @Override
  public void putSyncState(Supplier<RepoSyncState> state) {
    // nothing
  }

  @Override
  public ChangeLog changes() {
    return changes;
  }
}
