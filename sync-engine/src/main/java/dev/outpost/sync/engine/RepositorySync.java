package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.TagListing;
import dev.outpost.sync.select.RepositoryRule;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Syncs the tags of one repository that its rule selects, then applies deletions (tags the rule
 * no longer wants, after the grace period), and records the outcome as {@link RepoSyncState},
 * whose tag count is the store's tag list after the pass. One tag's failure does not stop the
 * others; the repository is reported failed with the first reason. A tag whose closure the source
 * does not hold yet (a bundle part not imported) is waiting, not failed: the repository is then
 * pending, saying which tags wait. A stopped pass deletes nothing.
 *
 * <p>Where the source gives tag times (ACR), a tag last changed before the repository's
 * {@link TagWatermarks watermark} and still present in the store is not asked about at all (no HEAD);
 * the mark moves to the listing's newest time only after a pass in which every wanted tag synced.
 */
final class RepositorySync {
  private final ContentSource source;
  private final LocalStore store;
  private final ManifestSync manifests;
  private final TagSelection selection;
  private final TagDeletions deletions;
  private final PassActions actions;
  private final MeterRegistry meters;
  private final Clock clock;
  private final TagWatermarks watermarks;
  private final TagOrdering order;

  /** The order in which a repository's tags to check are synced (fewest missing bytes first, in a pass). */
  @FunctionalInterface
  interface TagOrdering {
    List<Tag> order(RepositoryName repo, RepositoryRule rule, List<Tag> tags);
  }

  RepositorySync(ContentSource source, LocalStore store, ManifestSync manifests, TagSelection selection,
      TagDeletions deletions, PassActions actions, MeterRegistry meters, Clock clock) {
    this(source, store, manifests, selection, deletions, actions, meters, clock, new TagWatermarks(),
        (repo, rule, tags) -> tags);
  }

  RepositorySync(ContentSource source, LocalStore store, ManifestSync manifests, TagSelection selection,
      TagDeletions deletions, PassActions actions, MeterRegistry meters, Clock clock, TagWatermarks watermarks,
      TagOrdering order) {
    this.watermarks = watermarks;
    this.order = order;
    this.source = source;
    this.store = store;
    this.manifests = manifests;
    this.selection = selection;
    this.deletions = deletions;
    this.actions = actions;
    this.meters = meters;
    this.clock = clock;
  }

  RepoResult run(RepositoryName repo, RepositoryRule rule, SyncListener listener, BooleanSupplier stopRequested) {
    listener.repositoryStarted(repo);
    Optional<RepoSyncState> previous = store.syncState(repo);
    Instant attempt = clock.instant();
    // While syncing, the record keeps the previous size: the closure is summed (every tag's
    // manifests read and parsed) once per pass, for the final record.
    actions.putSyncState(() -> new RepoSyncState(repo, RepoSyncState.Status.SYNCING, Optional.of(attempt),
        previous.flatMap(RepoSyncState::lastSuccess), previous.flatMap(RepoSyncState::lastError),
        previous.map(RepoSyncState::tagCount).orElse(0), previous.map(RepoSyncState::bytes).orElse(0L)));
    RepoResult result = syncTags(repo, rule, listener, stopRequested);
    switch (result.outcome()) {
      // The OK result already counted the store's tags; the other outcomes count them when recorded.
      case OK -> {
        if (result.waiting().isEmpty()) {
          recordFinal(repo, RepoSyncState.Status.SYNCED, attempt, Optional.of(clock.instant()), Optional.empty(),
              OptionalInt.of(result.tagCount()));
        } else {
          // Not failed (nothing is wrong) and not synced (images are incomplete): pending, saying on what.
          recordFinal(repo, RepoSyncState.Status.PENDING, attempt, previous.flatMap(RepoSyncState::lastSuccess),
              Optional.of(waitingReason(result.waiting())), OptionalInt.of(result.tagCount()));
        }
      }
      case FAILED -> {
        meters.counter("outpost_sync_failures_total", "repository", repo.value()).increment();
        recordFinal(repo, RepoSyncState.Status.FAILED, attempt, previous.flatMap(RepoSyncState::lastSuccess),
            result.reason(), OptionalInt.empty());
      }
      case STOPPED -> recordFinal(repo, RepoSyncState.Status.PENDING, attempt,
          previous.flatMap(RepoSyncState::lastSuccess), result.reason(), OptionalInt.empty());
    }
    listener.repositoryFinished(result);
    return result;
  }

  /**
   * A repository synced before that the selection no longer holds (dropped from the configuration,
   * or a wildcard's repository gone from the parent's catalog): every tag is missing upstream.
   */
  void retire(RepositoryName repo, boolean keepDeleted) {
    deletions.apply(repo, Set.of(), Set.of(), keepDeleted);
    store.syncState(repo).ifPresent(s -> actions.putSyncState(() -> new RepoSyncState(repo, s.status(),
        s.lastAttempt(), s.lastSuccess(), s.lastError(), store.tags(repo).size(), ClosureSize.of(store, repo))));
  }

  private static String waitingReason(List<Tag> waiting) {
    return waiting.size() + " tag(s) wait for content the source does not hold yet (another bundle part): "
        + waiting.stream().map(Tag::value).limit(10).collect(java.util.stream.Collectors.joining(", "))
        + (waiting.size() > 10 ? ", …" : "");
  }

  private RepoResult syncTags(RepositoryName repo, RepositoryRule rule, SyncListener listener,
      BooleanSupplier stopRequested) {
    TagListing listing;
    List<Tag> upstream;
    List<Tag> wanted;
    try {
      listing = source.tagListing(repo);
      upstream = listing.tags();
      wanted = selection.select(repo, rule, upstream);
    } catch (IOException | RuntimeException e) {
      return stopRequested.getAsBoolean() ? RepoResult.stopped(repo) : RepoResult.failed(repo, Reasons.oneLine(e));
    }
    Optional<Instant> mark = watermarks.get(source.describe(), repo);
    List<Tag> toCheck = new ArrayList<>();
    for (Tag tag : wanted) {
      if (!unchangedSince(mark, listing, repo, tag)) {
        toCheck.add(tag);
      }
    }
    Optional<String> firstFailure = Optional.empty();
    List<Tag> waiting = new ArrayList<>();
    for (Tag tag : order.order(repo, rule, toCheck)) {
      if (stopRequested.getAsBoolean()) {
        return RepoResult.stopped(repo);
      }
      try {
        manifests.syncTag(repo, rule, tag);
      } catch (SyncStoppedException e) {
        return RepoResult.stopped(repo);
      } catch (Exception e) {
        if (stopRequested.getAsBoolean()) {
          // The stop cancelled a request or a retry's wait: the tag stopped, it did not fail.
          return RepoResult.stopped(repo);
        }
        String reason = repo + ":" + tag + ": " + Reasons.oneLine(e);
        if (Failures.waiting(e)) {
          waiting.add(tag);
          listener.tagWaiting(repo, tag, reason);
        } else {
          listener.tagFailed(repo, tag, e);
          firstFailure = firstFailure.or(() -> Optional.of(reason));
        }
      }
    }
    if (stopRequested.getAsBoolean()) {
      return RepoResult.stopped(repo);
    }
    deletions.apply(repo, Set.copyOf(upstream), Set.copyOf(wanted), rule.keepDeleted());
    if (firstFailure.isEmpty() && waiting.isEmpty()) {
      listing.newest().ifPresent(newest -> watermarks.advance(source.describe(), repo, newest));
    } else {
      watermarks.forget(source.describe(), repo);
    }
    return firstFailure.map(reason -> RepoResult.failed(repo, reason))
        .orElseGet(() -> RepoResult.ok(repo, store.tags(repo).size(), waiting));
  }

  /**
   * True when the source says {@code tag} last changed strictly before the mark (a change in the
   * mark's own second may have come after the listing that set it) and the store holds the tag with
   * its manifest (so nothing the quota, GC or a repair removed since is passed over).
   */
  private boolean unchangedSince(Optional<Instant> mark, TagListing listing, RepositoryName repo, Tag tag) {
    Optional<Instant> updated = listing.lastUpdated(tag);
    if (mark.isEmpty() || updated.isEmpty() || !updated.get().isBefore(mark.get())) {
      return false;
    }
    return store.resolveTag(repo, tag).flatMap(digest -> store.manifest(repo, digest)).isPresent();
  }

  private void recordFinal(RepositoryName repo, RepoSyncState.Status status, Instant attempt, Optional<Instant> success,
      Optional<String> error, OptionalInt tagCount) {
    actions.putSyncState(() -> new RepoSyncState(repo, status, Optional.of(attempt), success, error,
        tagCount.orElseGet(() -> store.tags(repo).size()), ClosureSize.of(store, repo)));
  }
}
