package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.registry.RegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Syncs every tag of one repository and records the outcome as {@link RepoSyncState}. One tag's
 * failure does not stop the others; the repository is reported failed with the first reason.
 */
final class RepositorySync {
  private final RegistryClient registry;
  private final LocalStore store;
  private final ManifestSync manifests;
  private final MeterRegistry meters;
  private final Clock clock;

  RepositorySync(RegistryClient registry, LocalStore store, ManifestSync manifests, MeterRegistry meters, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.manifests = manifests;
    this.meters = meters;
    this.clock = clock;
  }

  RepoResult run(RepositoryName repo, SyncListener listener, BooleanSupplier stopRequested) {
    listener.repositoryStarted(repo);
    Optional<RepoSyncState> previous = store.syncState(repo);
    Instant attempt = clock.instant();
    // While syncing, the record keeps the previous size: the closure is summed (every tag's
    // manifests read and parsed) once per pass, for the final record.
    store.putSyncState(new RepoSyncState(repo, RepoSyncState.Status.SYNCING, Optional.of(attempt),
        previous.flatMap(RepoSyncState::lastSuccess), previous.flatMap(RepoSyncState::lastError),
        previous.map(RepoSyncState::tagCount).orElse(0), previous.map(RepoSyncState::bytes).orElse(0L)));
    RepoResult result = syncTags(repo, stopRequested);
    switch (result.outcome()) {
      case OK -> recordFinal(repo, RepoSyncState.Status.SYNCED, attempt, Optional.of(clock.instant()), Optional.empty(),
          result.tagCount());
      case FAILED -> {
        meters.counter("outpost_sync_failures_total", "repository", repo.value()).increment();
        recordFinal(repo, RepoSyncState.Status.FAILED, attempt, previous.flatMap(RepoSyncState::lastSuccess),
            result.reason(), store.tags(repo).size());
      }
      case STOPPED -> recordFinal(repo, RepoSyncState.Status.PENDING, attempt,
          previous.flatMap(RepoSyncState::lastSuccess), result.reason(), store.tags(repo).size());
    }
    listener.repositoryFinished(result);
    return result;
  }

  private RepoResult syncTags(RepositoryName repo, BooleanSupplier stopRequested) {
    List<Tag> tags;
    try {
      tags = registry.tags(repo);
    } catch (Exception e) {
      return RepoResult.failed(repo, Reasons.oneLine(e));
    }
    Optional<String> firstFailure = Optional.empty();
    for (Tag tag : tags) {
      if (stopRequested.getAsBoolean()) {
        return RepoResult.stopped(repo);
      }
      try {
        manifests.syncTag(repo, tag);
      } catch (SyncStoppedException e) {
        return RepoResult.stopped(repo);
      } catch (Exception e) {
        String reason = repo + ":" + tag + ": " + Reasons.oneLine(e);
        firstFailure = firstFailure.or(() -> Optional.of(reason));
      }
    }
    return firstFailure.map(reason -> RepoResult.failed(repo, reason))
        .orElseGet(() -> RepoResult.ok(repo, tags.size()));
  }

  private void recordFinal(RepositoryName repo, RepoSyncState.Status status, Instant attempt, Optional<Instant> success,
      Optional<String> error, int tagCount) {
    store.putSyncState(new RepoSyncState(repo, status, Optional.of(attempt), success, error, tagCount,
        ClosureSize.of(store, repo)));
  }
}
