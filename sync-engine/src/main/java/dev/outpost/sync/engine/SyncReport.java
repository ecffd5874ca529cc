package dev.outpost.sync.engine;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one pass: per-repository results, and why the selection was incomplete, if it
 * was (say, the catalog could not be listed to expand a wildcard; exact names were still synced).
 * When the parent could not be reached or refused the credentials, {@code parentFailure} says which
 * and the pass selected nothing. {@code changes} is what the pass changed (for a dry run: what it
 * would change).
 */
public record SyncReport(List<RepoResult> repositories, Optional<String> selectionFailure,
    Optional<ParentFailure> parentFailure, SyncChanges changes) {

  public SyncReport {
    repositories = List.copyOf(repositories);
  }

  public SyncReport(List<RepoResult> repositories, Optional<String> selectionFailure) {
    this(repositories, selectionFailure, Optional.empty(), SyncChanges.NONE);
  }

  /** A pass that stopped before selecting anything because the parent could not be used. */
  public static SyncReport parentFailed(ParentFailure failure) {
    return new SyncReport(List.of(), Optional.of(failure.reason()), Optional.of(failure), SyncChanges.NONE);
  }

  /** False when the pass could not use the parent at all (unreachable, or credentials refused). */
  public boolean parentReachable() {
    return parentFailure.isEmpty();
  }

  /** A pass refused before it began (the disk is full); the parent was not asked. */
  public static SyncReport refused(String reason) {
    return new SyncReport(List.of(), Optional.of(reason), Optional.empty(), SyncChanges.NONE);
  }

  /** True when every selected repository synced and the selection itself worked. */
  public boolean complete() {
    return selectionFailure.isEmpty() && repositories.stream().allMatch(RepoResult::ok);
  }

  public List<RepoResult> failed() {
    return repositories.stream().filter(r -> !r.ok()).toList();
  }
}
