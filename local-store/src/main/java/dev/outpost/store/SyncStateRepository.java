package dev.outpost.store;

import dev.outpost.store.model.RepositoryName;
import java.util.List;
import java.util.Optional;

/** Per-repository sync state, kept in the index. */
public interface SyncStateRepository {
  void putSyncState(RepoSyncState state);

  Optional<RepoSyncState> syncState(RepositoryName repository);

  List<RepoSyncState> syncStates();
}
