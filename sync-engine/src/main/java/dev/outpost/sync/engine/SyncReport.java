package dev.outpost.sync.engine;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one pass: per-repository results, and why the selection was incomplete, if it
 * was (say, the catalog could not be listed to expand a wildcard; exact names were still synced).
 */
public record SyncReport(List<RepoResult> repositories, Optional<String> selectionFailure, boolean parentReachable) {

  public SyncReport {
    repositories = List.copyOf(repositories);
  }

  public SyncReport(List<RepoResult> repositories, Optional<String> selectionFailure) {
    this(repositories, selectionFailure, true);
  }

  /** A pass that stopped before selecting anything because the parent could not be reached. */
  public static SyncReport unreachable(String reason) {
    return new SyncReport(List.of(), Optional.of(reason), false);
  }

  /** True when every selected repository synced and the selection itself worked. */
  public boolean complete() {
    return selectionFailure.isEmpty() && repositories.stream().allMatch(RepoResult::ok);
  }

  public List<RepoResult> failed() {
    return repositories.stream().filter(r -> !r.ok()).toList();
  }
}
