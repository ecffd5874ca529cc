package dev.outpost.agent.maintenance;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.auth.RepositoryPattern;
import java.util.List;

/**
 * The repositories the quota never evicts: those of {@code sync.repositories} rules with
 * {@code pinned: true}. Repository rules as maps (with {@code pinned}) are not in the
 * configuration yet, so today no repository is pinned; this is the one place to read them.
 */
public final class PinnedRepositories {
  private PinnedRepositories() {}

  public static List<RepositoryPattern> of(OutpostConfig config) {
    return List.of();
  }
}
