package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.EvictedTag;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.SpaceReport;
import dev.outpost.store.SpaceReserve;
import dev.outpost.store.StoreException;
import dev.outpost.store.auth.ClientToken;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.PartialBlob;
import dev.outpost.store.StoredBlob;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.StoredTag;
import dev.outpost.store.manifest.ManifestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The RocksDB-indexed content store (see {@link LocalStore} and DESIGN.md "The store on disk").
 * A facade: blob files are {@link BlobFiles}, their records {@link BlobCatalog}, ingests
 * {@link BlobIngests}, manifests {@link ManifestRecords}, tokens {@link TokenRecords}; tags and sync state are single
 * keyed records handled here. Thread-safe; {@link #close()} must come after the last use.
 *
 * <p>Ingest of an already committed blob is allowed: the ingest starts complete and its commit
 * returns the existing blob.
 */
public final class RocksLocalStore implements LocalStore {
  private final Path dataDirectory;
  private final RocksIndex index;
  private final BlobFiles files;
  private final BlobCatalog blobs;
  private final BlobIngests ingests;
  private final ManifestRecords manifests;
  private final CollectionEpochs epochs;
  private final PullTimes pulls;
  private final TokenRecords tokens;
  private final ExecutorService blobWriters;
  private final SpaceGuard space;

  private RocksLocalStore(Path dataDirectory, RocksIndex index, BlobFiles files, SpaceGuard space, Clock clock) {
    this.dataDirectory = dataDirectory;
    this.index = index;
    this.files = files;
    this.space = space;
    this.blobs = new BlobCatalog(index, clock);
    // Write-behind threads of ingests (see WriteBehindFile); idle ones exit after a minute.
    this.blobWriters = Executors.newCachedThreadPool(
        Thread.ofPlatform().daemon().name("outpost-blob-writer-", 1).factory());
    this.epochs = new CollectionEpochs(this::ingestOpen, clock);
    this.ingests = new BlobIngests(files, blobs, blobWriters, space, epochs::ingestOpened);
    this.manifests = new ManifestRecords(index, blobs, clock);
    this.pulls = new PullTimes(index, clock);
    this.tokens = new TokenRecords(index);
  }

  private boolean ingestOpen(Digest digest) {
    return ingests.isOpen(digest);
  }

  /**
   * Opens (creating if needed) the store in {@code dataDirectory}. Throws
   * {@link dev.outpost.store.StoreLockedException} if another process has it open.
   */
  public static LocalStore open(Path dataDirectory) {
    return open(dataDirectory, SpaceReserve.NONE, Clock.systemUTC());
  }

  /**
   * The same, recording commit and pull times from {@code clock}: tests that order content by
   * when it was committed or pulled (quota, GC) move a clock instead of sleeping.
   */
  public static LocalStore open(Path dataDirectory, Clock clock) {
    return open(dataDirectory, SpaceReserve.NONE, clock);
  }

  /** Opens the store keeping {@code reserve} free for the index (see the next method). */
  public static LocalStore open(Path dataDirectory, SpaceReserve reserve) {
    return open(dataDirectory, reserve, Clock.systemUTC());
  }

  /**
   * Opens the store keeping {@code reserve} free for the index: content is never written into it,
   * and a file of up to {@link IndexBallast#MAX_BYTES} of it is held on disk ({@code index.reserve})
   * and released when the index could not otherwise open or write. On a full disk the store still
   * opens (read-only if even that room is gone): what is present can be read and served. Commit and
   * pull times come from {@code clock}.
   */
  public static LocalStore open(Path dataDirectory, SpaceReserve reserve, Clock clock) {
    Path data = dataDirectory.toAbsolutePath().normalize();
    BlobFiles files = new BlobFiles(data);
    files.createDirectories();
    IndexBallast ballast = new IndexBallast(data, reserve.bytes());
    RocksIndex index = RocksIndex.open(data.resolve("index"), ballast);
    try {
      if (!index.readOnly()) {
        IndexFormat.upgrade(index);
      }
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    return new RocksLocalStore(data, index, files, new SpaceGuard(data, reserve.bytes(), ballast), clock);
  }

  @Override
  public SpaceReport space() {
    SpaceReport report = space.report();
    if (report.freeBytes() > report.reserveBytes()) {
      index.tryWritable();
    }
    if (index.readOnly()) {
      return new SpaceReport(report.freeBytes(), report.totalBytes(), report.reserveBytes(),
          Optional.of("the index opened read-only because the disk was full; it reopens at the next write that finds room"));
    }
    return report;
  }

  @Override
  public Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public Optional<BlobInfo> stat(Digest digest) {
    return blobs.stat(digest);
  }

  @Override
  public Path blobPath(Digest digest) {
    return files.blobPath(digest);
  }

  @Override
  public BlobIngest openIngest(Digest digest, long expectedSize, String source) {
    return ingests.open(digest, expectedSize, source);
  }

  @Override
  public long durableBytes(Digest digest) {
    return blobs.progress(digest).map(IngestRecord::durableOffset).orElse(0L);
  }

  @Override
  public Optional<ManifestContent> manifest(RepositoryName repository, Digest digest) {
    return manifests.manifest(repository, digest);
  }

  @Override
  public Optional<Digest> resolveTag(RepositoryName repository, Tag tag) {
    return index.get(Family.TAGS, KeyCodec.tag(repository, tag), "resolve tag " + repository + ":" + tag)
        .map(TagValueCodec::decode);
  }

  @Override
  public List<Tag> tags(RepositoryName repository) {
    return index.scan(Family.TAGS, KeyCodec.repositoryPrefix(repository), "list tags of " + repository,
        (key, value) -> KeyCodec.tagOf(key));
  }

  @Override
  public boolean referencesBlob(RepositoryName repository, Digest blob) {
    return manifests.referencesBlob(repository, blob);
  }

  @Override
  public List<RepositoryName> repositories() {
    return manifests.repositories();
  }

  @Override
  public boolean hasRepository(RepositoryName repository) {
    return manifests.hasRepository(repository);
  }

  @Override
  public void commitManifest(RepositoryName repository, ManifestContent content, Set<Digest> intentionallyAbsent) {
    Objects.requireNonNull(intentionallyAbsent, "intentionallyAbsent");
    // The manifest itself, its children (blobs or manifests) and its subject: what a running GC must spare.
    List<Digest> referenced = new ArrayList<>();
    referenced.add(content.digest());
    ManifestParser.parse(content).children().forEach(child -> referenced.add(child.digest()));
    epochs.commit(referenced, () -> {
      manifests.commit(repository, content, intentionallyAbsent);
      return null;
    });
  }

  @Override
  public void commitTag(RepositoryName repository, Tag tag, Digest manifest) {
    epochs.commit(List.of(manifest), () -> {
      if (!manifests.contains(repository, manifest)) {
        throw new StoreException("commit tag " + repository + ":" + tag + " refused: manifest " + manifest
            + " is not in " + repository);
      }
      index.put(Family.TAGS, KeyCodec.tag(repository, tag), TagValueCodec.encode(manifest),
          "commit tag " + repository + ":" + tag);
      return null;
    });
  }

  @Override
  public boolean removeTag(RepositoryName repository, Tag tag) {
    return index.deleteIfPresent(Family.TAGS, KeyCodec.tag(repository, tag), "remove tag " + repository + ":" + tag);
  }

  @Override
  public void putToken(ClientToken token) {
    tokens.put(token);
  }

  @Override
  public Optional<ClientToken> token(String name) {
    return tokens.token(name);
  }

  @Override
  public List<ClientToken> tokens() {
    return tokens.tokens();
  }

  @Override
  public boolean deleteToken(String name) {
    return tokens.delete(name);
  }

  @Override
  public void putSyncState(RepoSyncState state) {
    index.put(Family.REPOS, KeyCodec.repository(state.repository()), SyncStateCodec.encode(state),
        "store sync state of " + state.repository());
  }

  @Override
  public Optional<RepoSyncState> syncState(RepositoryName repository) {
    return index.get(Family.REPOS, KeyCodec.repository(repository), "read sync state of " + repository)
        .map(SyncStateCodec::decode);
  }

  @Override
  public List<RepoSyncState> syncStates() {
    return index.scan(Family.REPOS, new byte[0], "list sync states", (key, value) -> SyncStateCodec.decode(value));
  }

  @Override
  public void forEachBlob(Consumer<StoredBlob> action) {
    blobs.forEach(action);
  }

  @Override
  public Optional<StoredManifest> manifestEntry(RepositoryName repository, Digest digest) {
    return manifests.entry(repository, digest);
  }

  @Override
  public void forEachManifest(Consumer<StoredManifest> action) {
    manifests.forEach(action);
  }

  @Override
  public void forEachTag(Consumer<StoredTag> action) {
    index.forEach(Family.TAGS, new byte[0], "enumerate tags", (key, value) ->
        action.accept(new StoredTag(KeyCodec.repositoryOf(key), KeyCodec.tagOf(key), TagValueCodec.decode(value))));
  }

  @Override
  public void forEachPartial(Consumer<PartialBlob> action) {
    files.forEachPart((digest, part) -> partial(digest, part).ifPresent(action));
  }

  /** Empty when the file went (committed or deleted) between listing and reading it. */
  private Optional<PartialBlob> partial(Digest digest, Path part) {
    try {
      long size = Files.size(part);
      Instant modified = Files.getLastModifiedTime(part).toInstant();
      Optional<IngestRecord> progress = blobs.progress(digest);
      return Optional.of(new PartialBlob(digest, size, progress.map(IngestRecord::durableOffset),
          progress.map(IngestRecord::expectedSize), progress.map(IngestRecord::source), modified));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("read partial blob " + part + " failed: " + e, e);
    }
  }

  @Override
  public List<Digest> referrers(RepositoryName repository, Digest subject) {
    return manifests.referrers(repository, subject);
  }

  @Override
  public List<Descriptor> referrerDescriptors(RepositoryName repository, Digest subject) {
    return manifests.referrerDescriptors(repository, subject);
  }

  @Override
  public boolean deleteManifest(RepositoryName repository, Digest digest) {
    boolean deleted = manifests.delete(repository, digest);
    if (deleted) {
      pulls.forget(repository, digest);
    }
    return deleted;
  }

  @Override
  public OptionalLong deleteBlob(Digest digest) {
    Optional<BlobInfo> found = blobs.stat(digest);
    if (found.isEmpty()) {
      return OptionalLong.empty();
    }
    // The record first: once it is gone nobody is handed the file; then the name goes.
    blobs.forget(digest);
    files.deleteBlob(digest);
    return OptionalLong.of(found.get().size());
  }

  @Override
  public List<StoredManifest> deleteManifests(Collection<StoredManifest> manifests) {
    List<StoredManifest> deleted = this.manifests.deleteAll(manifests);
    deleted.forEach(m -> pulls.forget(m.repository(), m.digest()));
    return deleted;
  }

  /** One synced index write for the whole batch, then the files (a reader with one open keeps reading). */
  @Override
  public Map<Digest, Long> deleteBlobs(Collection<Digest> digests) {
    Map<Digest, Long> found = new LinkedHashMap<>();
    for (Digest digest : digests) {
      blobs.stat(digest).ifPresent(info -> found.put(digest, info.size()));
    }
    if (!found.isEmpty()) {
      blobs.forgetAll(found.keySet());
      found.keySet().forEach(files::deleteBlob);
    }
    return found;
  }

  @Override
  public OptionalLong deletePartial(Digest digest) {
    return ingests.whileClosed(digest, () -> {
      Path part = files.partPath(digest);
      long size;
      try {
        size = Files.exists(part) ? Files.size(part) : 0;
      } catch (IOException e) {
        throw new StoreException("read partial blob " + part + " failed: " + e, e);
      }
      files.deletePart(digest);
      blobs.forgetProgress(digest);
      return size;
    }).map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  @Override
  public Session beginCollection(Instant recentSince) {
    return epochs.beginCollection(recentSince);
  }

  @Override
  public void recordPull(RepositoryName repository, Digest manifest) {
    pulls.record(repository, manifest);
  }

  @Override
  public Optional<Instant> lastPulled(RepositoryName repository, Digest digest) {
    return pulls.lastPulled(repository, digest);
  }

  @Override
  public int flushPulls() {
    return pulls.flush();
  }

  @Override
  public void markMissing(RepositoryName repository, Tag tag, Instant firstSeen) {
    index.put(Family.MISSING_TAGS, KeyCodec.tag(repository, tag), InstantCodec.encode(firstSeen),
        "record tag " + repository + ":" + tag + " missing upstream");
  }

  @Override
  public void clearMissing(RepositoryName repository, Tag tag) {
    index.deleteIfPresent(Family.MISSING_TAGS, KeyCodec.tag(repository, tag),
        "forget tag " + repository + ":" + tag + " missing upstream");
  }

  @Override
  public Map<Tag, Instant> missingTags(RepositoryName repository) {
    Map<Tag, Instant> missing = new LinkedHashMap<>();
    index.scan(Family.MISSING_TAGS, KeyCodec.repositoryPrefix(repository), "list missing tags of " + repository,
        (key, value) -> missing.put(KeyCodec.tagOf(key), InstantCodec.decode(value)));
    return missing;
  }

  @Override
  public boolean evictTag(EvictedTag eviction) {
    String operation = "evict tag " + eviction.repository() + ":" + eviction.tag();
    byte[] key = KeyCodec.tag(eviction.repository(), eviction.tag());
    if (!index.contains(Family.TAGS, key, operation)) {
      return false;
    }
    index.write(operation, batch -> batch.delete(Family.TAGS, key)
        .put(Family.EVICTED, key, EvictedTagCodec.encode(eviction)));
    return true;
  }

  @Override
  public Optional<EvictedTag> evicted(RepositoryName repository, Tag tag) {
    return index.get(Family.EVICTED, KeyCodec.tag(repository, tag), "read eviction of " + repository + ":" + tag)
        .map(value -> EvictedTagCodec.decode(repository, tag, value));
  }

  @Override
  public void clearEvicted(RepositoryName repository, Tag tag) {
    index.deleteIfPresent(Family.EVICTED, KeyCodec.tag(repository, tag), "forget eviction of " + repository + ":" + tag);
  }

  @Override
  public List<EvictedTag> evictedTags(RepositoryName repository) {
    return index.scan(Family.EVICTED, KeyCodec.repositoryPrefix(repository), "list evictions of " + repository,
        (key, value) -> EvictedTagCodec.decode(KeyCodec.repositoryOf(key), KeyCodec.tagOf(key), value));
  }

  @Override
  public List<EvictedTag> evictedTags() {
    List<EvictedTag> all = new ArrayList<>(index.scan(Family.EVICTED, new byte[0], "list evictions",
        (key, value) -> EvictedTagCodec.decode(KeyCodec.repositoryOf(key), KeyCodec.tagOf(key), value)));
    all.sort(Comparator.comparing(EvictedTag::at).reversed());
    return all;
  }

  @Override
  public void keepPending(String bundleId, Collection<Digest> digests) {
    if (digests.isEmpty()) {
      return;
    }
    byte[] none = new byte[0];
    index.write("record content pending for bundle " + bundleId,
        batch -> digests.forEach(d -> batch.put(Family.PENDING_IMPORTS, KeyCodec.pendingImport(bundleId, d), none)));
  }

  @Override
  public Set<Digest> pendingOf(String bundleId) {
    return new java.util.TreeSet<>(index.scan(Family.PENDING_IMPORTS, KeyCodec.pendingImportsOf(bundleId),
        "list content pending for bundle " + bundleId, (key, value) -> KeyCodec.digestOf(key, 1)));
  }

  @Override
  public void forgetPending(String bundleId) {
    List<byte[]> keys = index.scan(Family.PENDING_IMPORTS, KeyCodec.pendingImportsOf(bundleId),
        "list content pending for bundle " + bundleId, (key, value) -> key);
    if (!keys.isEmpty()) {
      index.write("forget content pending for bundle " + bundleId,
          batch -> keys.forEach(k -> batch.delete(Family.PENDING_IMPORTS, k)));
    }
  }

  @Override
  public void forEachPending(java.util.function.BiConsumer<String, Digest> action) {
    index.forEach(Family.PENDING_IMPORTS, new byte[0], "enumerate pending imports",
        (key, value) -> action.accept(KeyCodec.component(key, 0), KeyCodec.digestOf(key, 1)));
  }

  @Override
  public Optional<Instant> watermark(String parent, RepositoryName repository) {
    return index.get(Family.WATERMARKS, KeyCodec.watermark(parent, repository),
        "read the watermark of " + repository + " at " + parent).map(InstantCodec::decode);
  }

  @Override
  public void putWatermark(String parent, RepositoryName repository, Instant mark) {
    index.put(Family.WATERMARKS, KeyCodec.watermark(parent, repository), InstantCodec.encode(mark),
        "record the watermark of " + repository + " at " + parent);
  }

  @Override
  public void forgetWatermark(String parent, RepositoryName repository) {
    index.deleteIfPresent(Family.WATERMARKS, KeyCodec.watermark(parent, repository),
        "forget the watermark of " + repository + " at " + parent);
  }

  /** Closes open ingests (their durable progress stays), then the index. */
  @Override
  public void close() {
    try {
      pulls.flush();
    } catch (StoreException e) {
      // Closing anyway: losing the last pull times costs eviction order, nothing else.
    }
    ingests.closeAll();
    blobWriters.shutdown();
    index.close();
  }

  /**
   * Loads the native index library now; idempotent and thread-safe (RocksDB guards it). It comes
   * from {@code java.library.path} when it is there ({@code scripts/outpost} points it at
   * {@code agent/target/native}, where the build unpacks it), otherwise RocksDB first extracts it
   * from the jar to a temporary file (about 0.1 s, see README.md "Benchmarks"). A command line can
   * call this on a background thread at start, so that the load overlaps argument and
   * configuration parsing; {@link #open} waits for it either way.
   */
  public static void loadNativeLibrary() {
    org.rocksdb.RocksDB.loadLibrary();
  }

  @Override
  public String toString() {
    return "RocksLocalStore[" + dataDirectory + "]";
  }
}
