package dev.outpost.agent.status;

import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.model.RepositoryName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Builds the status report from the store: the sync state the engine recorded, and for
 * repositories that arrived without a recorded state (a root Outpost seeded by import) what is
 * visible in them; the store's size (its committed blobs, enumerated), quota and recent evictions;
 * and its disk (free space, reserve, and why content is not written when it is full). A repository
 * whose last import from a bundle is at least as recent as its last sync attempt shows that import
 * instead of a sync state (the engine that imports records sync states too; the import's record is
 * the one that says where the content came from).
 *
 * <p>"Syncing" is a fact about a running process, not about the store: the record the engine
 * writes when it starts a repository stays behind when its process is killed. So a recorded
 * {@code SYNCING} is shown as {@code syncing} only when {@code syncingNow} confirms it, and as
 * {@code interrupted} otherwise.
 */
public final class StatusCollector {
  /** The engine's ingest source for blobs of a repository ({@code BlobFetcher}: "parent:" + repository). */
  private static final String SOURCE_PREFIX = "parent:";

  private final LocalStore store;
  private final Predicate<RepositoryName> syncingNow;
  private final Optional<Long> maxSizeBytes;
  private final Supplier<List<EvictedImage>> evictions;
  private final Supplier<Optional<String>> selectionFailure;
  private final Supplier<Map<String, RepoImport>> imports;
  private final Supplier<ImportsStatus> watch;
  private final SyncOutlook outlook;

  /** For a store opened by this process without syncing: no one else holds it, so nothing is syncing. */
  public StatusCollector(LocalStore store) {
    this(store, repository -> false);
  }

  public StatusCollector(LocalStore store, Predicate<RepositoryName> syncingNow) {
    this(store, syncingNow, Optional.empty(), List::of);
  }

  /**
   * {@code maxSizeBytes}: the quota ({@code store.maxSize}); {@code evictions}: the recent ones,
   * newest first, as the running Outpost remembers them.
   */
  public StatusCollector(LocalStore store, Predicate<RepositoryName> syncingNow, Optional<Long> maxSizeBytes,
      Supplier<List<EvictedImage>> evictions) {
    this(store, syncingNow, maxSizeBytes, evictions, Optional::empty);
  }

  /** {@code selectionFailure}: why the running Outpost's last pass could not expand some rules, if so. */
  public StatusCollector(LocalStore store, Predicate<RepositoryName> syncingNow, Optional<Long> maxSizeBytes,
      Supplier<List<EvictedImage>> evictions, Supplier<Optional<String>> selectionFailure) {
    this(store, syncingNow, maxSizeBytes, evictions, selectionFailure, Map::of, () -> null, null);
  }

  private StatusCollector(LocalStore store, Predicate<RepositoryName> syncingNow, Optional<Long> maxSizeBytes,
      Supplier<List<EvictedImage>> evictions, Supplier<Optional<String>> selectionFailure,
      Supplier<Map<String, RepoImport>> imports, Supplier<ImportsStatus> watch, SyncOutlook outlook) {
    this.outlook = outlook;
    this.selectionFailure = selectionFailure;
    this.store = store;
    this.syncingNow = syncingNow;
    this.maxSizeBytes = maxSizeBytes;
    this.evictions = evictions;
    this.imports = imports;
    this.watch = watch;
  }

  /**
   * The same collector, also showing each repository's last import ({@code imports}, by repository
   * name) and the watch folder ({@code watch}, which may supply null: no folder is watched).
   */
  public StatusCollector withImports(Supplier<Map<String, RepoImport>> imports, Supplier<ImportsStatus> watch) {
    return new StatusCollector(store, syncingNow, maxSizeBytes, evictions, selectionFailure, imports, watch, outlook);
  }

  /**
   * The same collector, also telling the window apart in each state and giving bytes, rate, ETA and
   * the next opening ({@code outlook}).
   */
  public StatusCollector withSync(SyncOutlook outlook) {
    return new StatusCollector(store, syncingNow, maxSizeBytes, evictions, selectionFailure, imports, watch, outlook);
  }

  public StatusReport collect() {
    Map<String, Long> partial = partialBytesBySource();
    Map<RepositoryName, RepoStatus> byName = new TreeMap<>();
    for (RepoSyncState s : store.syncStates()) {
      byName.put(s.repository(), fromState(s, partial.getOrDefault(SOURCE_PREFIX + s.repository().value(), 0L)));
    }
    for (RepositoryName name : store.repositories()) {
      byName.computeIfAbsent(name, n -> new RepoStatus(n.value(), "present", null, null, store.tags(n).size(), -1, null,
          partial.getOrDefault(SOURCE_PREFIX + n.value(), 0L)));
    }
    imports.get().forEach((name, last) -> {
      RepositoryName repository = RepositoryName.of(name);
      RepoStatus current = byName.get(repository);
      if (current == null || current.lastAttempt() == null || !last.at().isBefore(current.lastAttempt())) {
        byName.put(repository, fromImport(repository, last, current));
      }
    });
    List<RepoStatus> repositories = new ArrayList<>(byName.values());
    return new StatusReport(outlook == null ? repositories : repositories.stream().map(this::withOutlook).toList(),
        usage(), DiskStatus.of(store.space()), selectionFailure.get().orElse(null), watch.get(),
        outlook == null ? null : outlook.summary());
  }

  /** An imported repository keeps its import's state: the window says nothing about a bundle. */
  private RepoStatus withOutlook(RepoStatus r) {
    String state = r.lastImport() != null ? r.state() : outlook.state(r.state(), r.lastError());
    return r.withProgress(state, outlook.progress(RepositoryName.of(r.repository()), r.partialBytes()));
  }

  private RepoStatus fromImport(RepositoryName repository, RepoImport last, RepoStatus current) {
    String state = last.failure() != null ? "failed" : last.waiting().isEmpty() ? "imported" : "waiting";
    Instant lastSuccess = last.failure() == null ? last.at() : current == null ? null : current.lastSuccess();
    return new RepoStatus(repository.value(), state, lastSuccess, last.at(), store.tags(repository).size(),
        current == null ? -1 : current.bytes(), last.failure(), current == null ? 0 : current.partialBytes(), last);
  }

  private StoreUsage usage() {
    long[] size = {0};
    store.forEachBlob(b -> size[0] += b.size());
    return new StoreUsage(size[0], maxSizeBytes.orElse(null), evictions.get());
  }

  private Map<String, Long> partialBytesBySource() {
    Map<String, Long> bySource = new HashMap<>();
    // Only the durable offset counts: bytes past it are dropped when the ingest resumes.
    store.forEachPartial(p -> p.source().ifPresent(
        source -> bySource.merge(source, p.durableOffset().orElse(0L), Long::sum)));
    return bySource;
  }

  private RepoStatus fromState(RepoSyncState s, long partialBytes) {
    boolean stale = s.status() == RepoSyncState.Status.SYNCING && !syncingNow.test(s.repository());
    String state = stale ? "interrupted" : s.status().name().toLowerCase(Locale.ROOT);
    return new RepoStatus(s.repository().value(), state, s.lastSuccess().orElse(null), s.lastAttempt().orElse(null),
        s.tagCount(), s.bytes(), s.lastError().orElse(null), partialBytes);
  }
}
