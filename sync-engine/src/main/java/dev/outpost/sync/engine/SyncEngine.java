package dev.outpost.sync.engine;

import dev.outpost.store.LocalStore;
import dev.outpost.store.SpaceReport;
import dev.outpost.store.StoreException;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.link.BandwidthBudget;
import dev.outpost.sync.link.StopSignal;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.registry.FailoverSource;
import dev.outpost.sync.registry.RegistryClient;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.source.ContentSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The sync engine's facade: one {@link #runOnce} is one pass over the selected repositories,
 * writing only through the {@link LocalStore} API. Repositories and blobs move on two bounded
 * pools of {@code concurrency} platform threads each (platform, not virtual: OkHttp 4 blocks
 * inside {@code synchronized}, which pins a virtual thread's carrier on Java 21).
 *
 * <p>Not for concurrent passes: the scheduler runs one at a time.
 */
public final class SyncEngine implements SyncPass, AutoCloseable {
  private final SyncSettings settings;
  private final LocalStore store;
  private final MeterRegistry meters;
  private final Clock clock;
  private final ContentSource source;
  /** The retry policy that goes with the source: the parent's, or one attempt for a bundle on disk. */
  private final RetryPolicy retry;
  /** Why a pass could not start, in the source's terms (the parent's host and user, or the bundle's path). */
  private final Function<Throwable, ParentFailure> classifier;
  /** One budget for the engine's life: every pass and worker shares the cap. */
  private final BandwidthBudget bandwidth;
  /**
   * Whether repositories synced before but outside this selection lose their tags: yes for the
   * parent (its catalog and the configuration are the whole truth), no for a bundle, which holds
   * only what it was made of.
   */
  private final boolean retireUnselected;
  /** ACR's tag times from earlier passes (and processes): tags unchanged since are not asked about. */
  private final TagWatermarks watermarks;
  /**
   * The running pass's stop as an event: it cancels requests to the parent (waiting for headers or
   * body alike), ends retry backoffs and aborts blob reads, so a stop is on time at any link speed.
   */
  private final StopSignal stop;

  /** An engine that syncs from the parent registry over HTTP, keeping tag watermarks in {@code store}. */
  public SyncEngine(ParentEndpoint parent, SyncSettings settings, LocalStore store, MeterRegistry meters, Clock clock) {
    this(parent, settings, store, meters, clock, TagWatermarks.keptIn(store));
  }

  /**
   * An engine that syncs from the parent registry over HTTP, keeping tag watermarks in
   * {@code watermarks} (the store's, or in memory for a test).
   */
  public SyncEngine(ParentEndpoint parent, SyncSettings settings, LocalStore store, MeterRegistry meters, Clock clock,
      TagWatermarks watermarks) {
    this(new StopSignal(), parent, settings, store, meters, clock, watermarks);
  }

  private SyncEngine(StopSignal stop, ParentEndpoint parent, SyncSettings settings, LocalStore store,
      MeterRegistry meters, Clock clock, TagWatermarks watermarks) {
    // A backoff waits on the stop, so a worker waiting to retry a failing parent stops on time too.
    this(stop, new RetryPolicy(settings.retry(), clock, d -> !stop.await(d)),
        retry -> parentSource(parent, settings, retry, clock, stop), e -> ParentFailure.of(e, parent), settings, store,
        meters, clock, true, watermarks);
  }

  /** The parent's one address, or all of them in priority order when it has several. */
  private static ContentSource parentSource(ParentEndpoint parent, SyncSettings settings, RetryPolicy retry, Clock clock,
      StopSignal stop) {
    List<RegistryClient> addresses = parent.inPriorityOrder().stream()
        .map(address -> RegistryClient.forParent(settings.withReceiveWindow(address), settings.concurrency() * 2,
            settings.stallTimeout(), retry, clock, stop))
        .toList();
    return addresses.size() == 1 ? addresses.getFirst() : new FailoverSource(addresses);
  }

  private SyncEngine(StopSignal stop, RetryPolicy retry, Function<RetryPolicy, ContentSource> source,
      Function<Throwable, ParentFailure> classifier, SyncSettings settings, LocalStore store, MeterRegistry meters,
      Clock clock, boolean retireUnselected, TagWatermarks watermarks) {
    this.stop = stop;
    this.retireUnselected = retireUnselected;
    this.watermarks = watermarks;
    this.settings = settings;
    this.store = store;
    this.meters = meters;
    this.clock = clock;
    this.retry = retry;
    this.source = source.apply(retry);
    this.classifier = classifier;
    this.bandwidth = BandwidthBudget.of(settings.linkProfile(), clock);
  }

  /**
   * An engine over any other source (a bundle on disk): the same planner, fetcher and commit order
   * as live sync, with one attempt per read (a file does not get better by asking again). Such a
   * source holds only part of the world: repositories outside the selection keep their tags (no
   * retire), and a tag whose closure the source does not hold is waiting, not failed. The engine
   * closes {@code source} when it is closed.
   */
  public static SyncEngine over(ContentSource source, SyncSettings settings, LocalStore store, MeterRegistry meters,
      Clock clock) {
    return new SyncEngine(new StopSignal(), new RetryPolicy(RetrySettings.once(), clock), retry -> source,
        e -> ParentFailure.unreadable(source.describe(), e), settings, store, meters, clock, false, new TagWatermarks());
  }

  /** One pass. Returns when every selected repository is done, failed, or stopped. */
  @Override
  public SyncReport runOnce(SyncListener listener, BooleanSupplier stopRequested) {
    return pass(listener, stopRequested, false);
  }

  /**
   * What {@link #runOnce} would do now, changing nothing: the same selection, tag rules, HEADs and
   * manifest reads, but no blob byte fetched and nothing written to the store. The report's
   * {@link SyncReport#changes()} lists the images it would fetch (with bytes) and the tags it would
   * delete, in the terms a real pass reports what it did.
   */
  public SyncReport dryRun(SyncListener listener) {
    return pass(listener, () -> false, true);
  }

  private SyncReport pass(SyncListener listener, BooleanSupplier stopRequested, boolean dryRun) {
    try (StopSignal.Armed armed = stop.arm(stopRequested)) {
      return armedPass(listener, stopRequested, dryRun);
    }
  }

  private SyncReport armedPass(SyncListener listener, BooleanSupplier stopRequested, boolean dryRun) {
    if (!dryRun) {
      // A disk at or below the reserve, or whose last write failed for lack of space: the pass is
      // refused before any request, and every selected repository says why. The next pass checks
      // again, so syncing resumes by itself once space returns.
      SpaceReport space = store.space();
      if (space.full()) {
        String reason = "disk full, pass refused: " + space.fullReason().orElseThrow();
        try {
          new UnreachableParent(store, clock).record(settings.repositories(), reason);
        } catch (StoreException e) {
          // The index could not take the record either (no room at all): status shows the disk's state.
        }
        return SyncReport.refused(reason);
      }
    }
    // One cheap request first: an unreachable parent (link down, window without a route) or wrong
    // credentials is one clear failure instead of a timeout or a refusal per repository.
    try {
      source.ping();
    } catch (IOException | RuntimeException e) {
      if (stopRequested.getAsBoolean()) {
        // The stop cancelled the ping: the parent was not found wanting, the pass just ended.
        return new SyncReport(List.of(), Optional.of("stopped before the parent answered"));
      }
      ParentFailure failure = classifier.apply(e);
      if (!dryRun) {
        new UnreachableParent(store, clock).record(settings.repositories(), failure.reason());
      }
      return SyncReport.parentFailed(failure);
    }
    RepositorySelector.Selection selection = RepositorySelector.select(settings.repositories(), source);
    List<RepositoryName> repos = selection.repositories();
    listener.repositoriesSelected(repos.size());
    ExecutorService repoPool = Executors.newFixedThreadPool(settings.concurrency(), named("outpost-sync-repo"));
    // A dry run fetches no blob: no blob pool, fetcher or batch for it.
    ExecutorService blobPool = dryRun ? null
        : Executors.newFixedThreadPool(settings.concurrency(), named("outpost-sync-blob"));
    try {
      // Manifests read ahead to order each repository's tags are kept for the pass's own reads of them.
      PassCache pass = new PassCache(source);
      PassActions actions = dryRun ? new DryRunActions(store) : new StoreActions(store, new ParallelBlobs(blobPool,
          new InFlightBlobs(), new BlobFetcher(pass, store, retry, settings.chunkSizeBytes(), meters, bandwidth, stop),
          listener, stopRequested));
      TagOrder order = new TagOrder(pass, store, store, store, settings);
      RepositorySync sync = new RepositorySync(pass, store, new ManifestSync(pass, store, store, settings, actions),
          new TagSelection(new CreationTimes(pass, store, settings)), new TagDeletions(store, actions, settings.deleteGrace(), clock),
          actions, meters, clock, dryRun ? watermarks.readOnly() : watermarks, order::fewestMissingBytesFirst);
      // Tiers by priority, highest first: a tier has the link to itself, and the next starts once
      // it is done (within a tier, repositories share the pool as before).
      List<RepoResult> outcomes = new ArrayList<>();
      for (List<RepositoryName> tier : PriorityTiers.of(repos, repo -> settings.ruleFor(repo).orElseThrow().priority())) {
        List<Future<RepoResult>> results = new ArrayList<>();
        for (RepositoryName repo : tier) {
          RepositoryRule rule = settings.ruleFor(repo).orElseThrow();
          results.add(repoPool.submit(() -> sync.run(repo, rule, listener, stopRequested)));
        }
        outcomes.addAll(collect(tier, results));
      }
      if (retireUnselected && !stopRequested.getAsBoolean()) {
        retireDropped(sync, repos, selection.failure().isPresent());
      }
      return new SyncReport(outcomes, selection.failure(), Optional.empty(), actions.changes().snapshot());
    } finally {
      repoPool.shutdownNow();
      if (blobPool != null) {
        blobPool.shutdownNow();
      }
    }
  }

  /**
   * Repositories synced before (they have a sync state) that this selection does not hold lose
   * their tags after the grace period. Only those: content that arrived otherwise (samples, a
   * store seeded by hand) is not the engine's to remove. When the catalog could not be listed, a
   * repository a wildcard matches may still be there, so only repositories no rule matches go.
   */
  private void retireDropped(RepositorySync sync, List<RepositoryName> selected, boolean catalogFailed) {
    Set<RepositoryName> kept = new HashSet<>(selected);
    for (RepoSyncState state : store.syncStates()) {
      RepositoryName repo = state.repository();
      Optional<RepositoryRule> rule = settings.ruleFor(repo);
      if (!kept.contains(repo) && !(catalogFailed && rule.isPresent())) {
        sync.retire(repo, rule.map(RepositoryRule::keepDeleted).orElse(false));
      }
    }
  }

  private static List<RepoResult> collect(List<RepositoryName> repos, List<Future<RepoResult>> futures) {
    List<RepoResult> results = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        results.add(futures.get(i).get());
      } catch (ExecutionException e) {
        results.add(RepoResult.failed(repos.get(i), Reasons.oneLine(e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        results.add(RepoResult.stopped(repos.get(i)));
      }
    }
    return results;
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    return Thread.ofPlatform().name(prefix + "-", 1).daemon(true).factory();
  }

  /**
   * The parent address that served the last pass (with several {@code parent.urls}, the one failover
   * chose); empty for a source that is not the parent (a bundle).
   */
  public Optional<java.net.URI> servedBy() {
    return switch (source) {
      case FailoverSource failover -> Optional.of(failover.serving());
      case RegistryClient client -> Optional.of(client.address());
      default -> Optional.empty();
    };
  }

  /** Releases the source: pooled connections and OkHttp's threads, or a bundle's open files. */
  @Override
  public void close() {
    source.close();
  }
}
