package dev.outpost.sync.engine;

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

/**
 * Everything a pass does to the store, in one place, so that a dry run is the same pass with
 * {@link DryRunActions} (which records and changes nothing) instead of {@link StoreActions}. Both
 * log what they did, or would do, in the pass's {@link ChangeLog}.
 */
interface PassActions {
  /** Fetches and commits the blobs of one image; returns when all are present. */
  void fetchBlobs(RepositoryName repo, List<Descriptor> blobs) throws IOException;

  void commitManifest(RepositoryName repo, ManifestContent content, Set<Digest> intentionallyAbsent);

  void commitTag(RepositoryName repo, Tag tag, Digest manifest);

  void removeTag(RepositoryName repo, Tag tag);

  void markMissing(RepositoryName repo, Tag tag, Instant firstSeen);

  void clearMissing(RepositoryName repo, Tag tag);

  /** Forgets that the quota evicted {@code tag} (it moved upstream or left the selection). */
  void clearEvicted(RepositoryName repo, Tag tag);

  /** Records a repository's sync state; computed only when it is recorded. */
  void putSyncState(Supplier<RepoSyncState> state);

  ChangeLog changes();
}
