package dev.outpost.agent.maintenance;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.auth.RepositoryPattern;
import java.util.List;

/**
 * The repositories the quota never evicts: those of {@code sync.repositories} rules with
 * {@code pinned: true} ({@link dev.outpost.agent.config.SyncConfig#pinnedPatterns()}); this is the
 * one place the quota reads them.
 */
public final class PinnedRepositories {
  private PinnedRepositories() {}

  public static List<RepositoryPattern> of(OutpostConfig config) {
    return config.sync().pinnedPatterns();
  }
}
