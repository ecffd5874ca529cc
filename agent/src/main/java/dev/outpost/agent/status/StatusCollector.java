package dev.outpost.agent.status;

import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.RepositoryName;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the status report from the store: the sync state the engine recorded, and for
 * repositories that arrived without a recorded state (a root Outpost seeded by import) what is
 * visible in them.
 */
public final class StatusCollector {
  private final LocalStore store;

  public StatusCollector(LocalStore store) {
    this.store = store;
  }

  public StatusReport collect() {
    Map<RepositoryName, RepoStatus> byName = new TreeMap<>();
    for (RepoSyncState s : store.syncStates()) {
      byName.put(s.repository(), fromState(s));
    }
    for (RepositoryName name : store.repositories()) {
      byName.computeIfAbsent(name, n -> new RepoStatus(n.value(), "present", null, null, store.tags(n).size(), -1, null));
    }
    return new StatusReport(new ArrayList<>(byName.values()));
  }

  private static RepoStatus fromState(RepoSyncState s) {
    return new RepoStatus(s.repository().value(), s.status().name().toLowerCase(java.util.Locale.ROOT),
        s.lastSuccess().orElse(null), s.lastAttempt().orElse(null), s.tagCount(), s.bytes(),
        s.lastError().orElse(null));
  }
}
