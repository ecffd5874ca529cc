package dev.outpost.agent.runtime;

import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The repositories this process is syncing right now (started, not yet finished), so that status
 * can tell a live {@code syncing} from a record left by a process that died mid-pass.
 */
final class ActiveRepositories implements SyncListener {
  private final Set<RepositoryName> active = ConcurrentHashMap.newKeySet();

  @Override
  public void repositoryStarted(RepositoryName repository) {
    active.add(repository);
  }

  @Override
  public void repositoryFinished(RepoResult result) {
    active.remove(result.repository());
  }

  boolean contains(RepositoryName repository) {
    return active.contains(repository);
  }
}
