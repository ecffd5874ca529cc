package dev.outpost.store;

import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.Optional;

/** What the sync engine last knew of one repository, for {@code outpost status}. */
public record RepoSyncState(
    RepositoryName repository,
    Status status,
    Optional<Instant> lastAttempt,
    Optional<Instant> lastSuccess,
    Optional<String> lastError,
    int tagCount,
    long bytes) {

  /** The repository's sync status. */
  public enum Status { PENDING, SYNCING, SYNCED, FAILED }
}
