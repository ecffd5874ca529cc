package dev.outpost.sync.engine;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one pass: per-repository results, and a failure that stopped the pass before
 * any repository was tried (say, the catalog could not be listed).
 */
public record SyncReport(List<RepoResult> repositories, Optional<String> selectionFailure) {

  public SyncReport {
    repositories = List.copyOf(repositories);
  }

  /** True when every selected repository synced and the selection itself worked. */
  public boolean complete() {
    return selectionFailure.isEmpty() && repositories.stream().allMatch(RepoResult::ok);
  }

  public List<RepoResult> failed() {
    return repositories.stream().filter(r -> !r.ok()).toList();
  }
}
