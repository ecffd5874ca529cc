package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.RepositoryName;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Records a pass that could not use the parent (unreachable, or credentials refused: the reason
 * says which), or was refused before it began (a full disk), on every selected repository the store knows
 * of (exact names, and repositories synced before that a wildcard selects), so that
 * {@code outpost status} shows why nothing moved. What they last synced stays as it was.
 */
final class UnreachableParent {
  private final LocalStore store;
  private final Clock clock;

  UnreachableParent(LocalStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void record(List<RepositoryPattern> patterns, String reason) {
    TreeSet<RepositoryName> known = new TreeSet<>();
    patterns.stream().filter(p -> !p.isWildcard()).forEach(p -> known.add(RepositoryName.of(p.value())));
    store.syncStates().stream().map(RepoSyncState::repository)
        .filter(r -> patterns.stream().anyMatch(p -> p.matches(r))).forEach(known::add);
    for (RepositoryName repo : known) {
      Optional<RepoSyncState> previous = store.syncState(repo);
      store.putSyncState(new RepoSyncState(repo, RepoSyncState.Status.FAILED, Optional.of(clock.instant()),
          previous.flatMap(RepoSyncState::lastSuccess), Optional.of(reason),
          previous.map(RepoSyncState::tagCount).orElse(0), previous.map(RepoSyncState::bytes).orElse(0L)));
    }
  }
}
