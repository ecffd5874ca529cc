package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.imageManifest;
import static dev.outpost.store.rocks.TestContent.index;
import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static dev.outpost.store.rocks.TestContent.referrer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.CollectionGuard;
import dev.outpost.store.LocalStore;
import dev.outpost.store.PartialBlob;
import dev.outpost.store.StoredBlob;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.StoredTag;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract of the store's maintenance role (enumerate, delete, referrers, pull history, the
 * commit/GC exclusion), run against every store implementation the project has. A new
 * implementation joins by adding itself to {@link #stores()}.
 */
class StoreMaintenanceContractTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");
  private static final RepositoryName OTHER = RepositoryName.of("team/app");

  @TempDir
  Path data;

  private LocalStore store;

  static Stream<Named<Function<Path, LocalStore>>> stores() {
    return Stream.of(Named.of("RocksLocalStore", RocksLocalStore::open));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  private LocalStore open(Function<Path, LocalStore> factory) {
    store = factory.apply(data);
    return store;
  }

  private ManifestContent image(LocalStore s, int seed) {
    BlobInfo config = ingest(s, randomBytes(seed, 100));
    BlobInfo layer = ingest(s, randomBytes(seed + 1, 2000));
    return imageManifest(config, List.of(layer));
  }

  @ParameterizedTest
  @MethodSource("stores")
  void enumeratesEveryTagManifestAndBlobAcrossPages(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    ManifestContent manifest = image(s, 1);
    s.commitManifest(REPO, manifest, Set.of());
    int tagCount = RocksIndex.PAGE_ENTRIES + 5;
    for (int i = 0; i < tagCount; i++) {
      s.commitTag(REPO, Tag.of(String.format("t%05d", i)), manifest.digest());
    }
    s.commitManifest(OTHER, manifest, Set.of());

    List<StoredTag> tags = new ArrayList<>();
    s.forEachTag(tags::add);
    List<StoredManifest> manifests = new ArrayList<>();
    s.forEachManifest(manifests::add);
    List<StoredBlob> blobs = new ArrayList<>();
    s.forEachBlob(blobs::add);

    assertThat(tags).hasSize(tagCount).allMatch(t -> t.manifest().equals(manifest.digest()));
    assertThat(tags.get(0).tag()).isEqualTo(Tag.of("t00000"));
    assertThat(tags.get(tagCount - 1).tag()).isEqualTo(Tag.of(String.format("t%05d", tagCount - 1)));
    assertThat(manifests).extracting(StoredManifest::repository).containsExactly(REPO, OTHER);
    assertThat(manifests.get(0).blobs()).hasSize(2);
    assertThat(manifests.get(0).childManifests()).isEmpty();
    assertThat(manifests.get(0).size()).isEqualTo(manifest.size());
    assertThat(blobs).extracting(StoredBlob::size).containsExactlyInAnyOrder(100L, 2000L);
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anIndexEnumeratesItsChildrenAsManifests(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    ManifestContent child = image(s, 3);
    s.commitManifest(REPO, child, Set.of());
    ManifestContent idx = index(List.of(child));
    s.commitManifest(REPO, idx, Set.of());

    List<StoredManifest> manifests = new ArrayList<>();
    s.forEachManifest(manifests::add);

    StoredManifest stored = manifests.stream().filter(m -> m.digest().equals(idx.digest())).findFirst().orElseThrow();
    assertThat(stored.childManifests()).containsExactly(child.digest());
    assertThat(stored.blobs()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void deletingAManifestKeepsBlobAccessThatAnotherManifestOfTheRepositoryNeeds(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    BlobInfo sharedLayer = ingest(s, randomBytes(10, 3000));
    BlobInfo configA = ingest(s, randomBytes(11, 100));
    BlobInfo configB = ingest(s, randomBytes(12, 100));
    ManifestContent a = imageManifest(configA, List.of(sharedLayer));
    ManifestContent b = imageManifest(configB, List.of(sharedLayer));
    s.commitManifest(REPO, a, Set.of());
    s.commitManifest(REPO, b, Set.of());

    assertThat(s.deleteManifest(REPO, a.digest())).isTrue();

    assertThat(s.manifest(REPO, a.digest())).isEmpty();
    assertThat(s.referencesBlob(REPO, configA.digest())).isFalse();
    assertThat(s.referencesBlob(REPO, sharedLayer.digest())).as("b still references it").isTrue();
    assertThat(s.stat(sharedLayer.digest())).as("blobs leave only through deleteBlob").isPresent();
    assertThat(s.deleteManifest(REPO, a.digest())).isFalse();

    s.deleteManifest(REPO, b.digest());
    assertThat(s.referencesBlob(REPO, sharedLayer.digest())).isFalse();
    assertThat(s.repositories()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void referrersAreListedUntilTheirManifestIsDeleted(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    ManifestContent subject = image(s, 20);
    s.commitManifest(REPO, subject, Set.of());
    BlobInfo empty = ingest(s, "{}".getBytes());
    ManifestContent signature = referrer(empty, subject);
    s.commitManifest(REPO, signature, Set.of());

    assertThat(s.referrers(REPO, subject.digest())).containsExactly(signature.digest());
    assertThat(s.referrers(OTHER, subject.digest())).isEmpty();

    s.deleteManifest(REPO, signature.digest());
    assertThat(s.referrers(REPO, subject.digest())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aDeletedBlobIsGoneButAnOpenReaderFinishes(Function<Path, LocalStore> factory) throws Exception {
    LocalStore s = open(factory);
    byte[] content = randomBytes(30, 1 << 20);
    BlobInfo blob = ingest(s, content);
    Path file = s.blobPath(blob.digest());

    try (InputStream reader = Files.newInputStream(file)) {
      assertThat(s.deleteBlob(blob.digest())).isEqualTo(OptionalLong.of(content.length));
      assertThat(s.stat(blob.digest())).isEmpty();
      assertThat(file).doesNotExist();
      assertThat(reader.readAllBytes()).isEqualTo(content);
    }
    assertThat(s.deleteBlob(blob.digest())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aBatchOfDeletionsRemovesWhatIsThereAndReportsOnlyThat(Function<Path, LocalStore> factory) throws Exception {
    LocalStore s = open(factory);
    ManifestContent a = image(s, 40);
    ManifestContent b = image(s, 42);
    ManifestContent signature = referrer(ingest(s, "{}".getBytes()), a);
    s.commitManifest(REPO, a, Set.of());
    s.commitManifest(REPO, b, Set.of());
    s.commitManifest(REPO, signature, Set.of());
    List<StoredManifest> all = new ArrayList<>();
    s.forEachManifest(all::add);
    StoredManifest storedB = all.stream().filter(m -> m.digest().equals(b.digest())).findFirst().orElseThrow();
    StoredManifest storedSignature = all.stream().filter(m -> m.digest().equals(signature.digest())).findFirst().orElseThrow();
    s.deleteManifest(REPO, b.digest());

    assertThat(s.deleteManifests(List.of(storedSignature, storedB))).containsExactly(storedSignature);
    assertThat(s.manifest(REPO, signature.digest())).isEmpty();
    assertThat(s.referrers(REPO, a.digest())).isEmpty();
    assertThat(s.manifest(REPO, a.digest())).isPresent();

    List<Digest> blobsOfB = storedB.blobs();
    byte[] layerOfB = Files.readAllBytes(s.blobPath(blobsOfB.get(1)));
    try (InputStream reader = Files.newInputStream(s.blobPath(blobsOfB.get(1)))) {
      s.deleteBlob(blobsOfB.get(0));
      Map<Digest, Long> freed = s.deleteBlobs(blobsOfB);

      assertThat(freed).containsExactly(Map.entry(blobsOfB.get(1), (long) layerOfB.length));
      assertThat(s.stat(blobsOfB.get(1))).isEmpty();
      assertThat(s.blobPath(blobsOfB.get(1))).doesNotExist();
      assertThat(reader.readAllBytes()).isEqualTo(layerOfB);
    }
    assertThat(s.deleteBlobs(blobsOfB)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void partialsAreEnumeratedAndDeletedOnlyWhenNoIngestIsOpen(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    byte[] content = randomBytes(40, 5000);
    Digest digest = Digest.sha256(content);
    try (BlobIngest ingest = s.openIngest(digest, content.length, "parent:library/hello")) {
      ingest.write(content, 0, 1200);
      ingest.checkpoint();
      assertThat(s.deletePartial(digest)).as("open ingest").isEmpty();
    }

    List<PartialBlob> partials = new ArrayList<>();
    s.forEachPartial(partials::add);
    assertThat(partials).singleElement().satisfies(p -> {
      assertThat(p.digest()).isEqualTo(digest);
      assertThat(p.fileSize()).isEqualTo(1200);
      assertThat(p.durableOffset()).contains(1200L);
      assertThat(p.expectedSize()).contains((long) content.length);
      assertThat(p.source()).contains("parent:library/hello");
    });

    assertThat(s.deletePartial(digest)).isEqualTo(OptionalLong.of(1200));
    List<PartialBlob> after = new ArrayList<>();
    s.forEachPartial(after::add);
    assertThat(after).isEmpty();
    try (BlobIngest again = s.openIngest(digest, content.length, "test")) {
      assertThat(again.offset()).as("the progress record went too").isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aCollectionCountsOpenIngestsAndLaterCommitsAsInUse(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    ManifestContent manifest = image(s, 50);
    Digest ingesting = Digest.sha256(randomBytes(51, 10));
    Digest untouched = Digest.sha256(randomBytes(52, 10));
    try (CollectionGuard.Session session = s.beginCollection(Instant.now().plusSeconds(3600))) {
      assertThat(session.inUse(manifest.digest())).isFalse();
      s.commitManifest(REPO, manifest, Set.of());
      assertThat(session.inUse(manifest.digest())).as("committed during the collection").isTrue();
      try (BlobIngest ingest = s.openIngest(ingesting, 10, "test")) {
        assertThat(session.inUse(ingesting)).isTrue();
      }
      assertThat(session.inUse(ingesting)).as("opened during the collection").isTrue();
      assertThat(session.inUse(untouched)).isFalse();
      assertThatThrownBy(() -> s.beginCollection(Instant.now())).isInstanceOf(IllegalStateException.class);
    }
    try (CollectionGuard.Session next = s.beginCollection(Instant.now().plusSeconds(3600))) {
      assertThat(next.inUse(manifest.digest())).as("a new collection starts from a clean slate").isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void anIngestOpenedWithinTheGracePeriodIsInUse(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    Digest digest = Digest.sha256(randomBytes(53, 10));
    Instant before = Instant.now().minusSeconds(60);
    s.openIngest(digest, 10, "test").close();

    try (CollectionGuard.Session session = s.beginCollection(before)) {
      assertThat(session.inUse(digest)).isTrue();
    }
    try (CollectionGuard.Session session = s.beginCollection(Instant.now().plusSeconds(60))) {
      assertThat(session.inUse(digest)).as("opened before the grace period").isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void commitsWaitWhileASweepRunsExclusively(Function<Path, LocalStore> factory) throws Exception {
    LocalStore s = open(factory);
    ManifestContent manifest = image(s, 60);
    s.commitManifest(REPO, manifest, Set.of());
    try (CollectionGuard.Session session = s.beginCollection(Instant.now())) {
      CompletableFuture<Void> commit = session.exclusively(() -> {
        Thread committer = new Thread(() -> s.commitTag(REPO, Tag.of("v1"), manifest.digest()));
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
          committer.start();
          joinQuietly(committer);
        });
        awaitBlocked(committer);
        assertThat(s.resolveTag(REPO, Tag.of("v1"))).as("the commit waits for the sweep").isEmpty();
        return done;
      });
      commit.get();
      assertThat(s.resolveTag(REPO, Tag.of("v1"))).contains(manifest.digest());
      assertThat(session.inUse(manifest.digest())).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void pullTimesAreKeptInMemoryAndSurviveAFlushAndReopen(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    Digest manifest = Digest.sha256(randomBytes(70, 10));
    assertThat(s.lastPulled(REPO, manifest)).isEmpty();
    s.recordPull(REPO, manifest);
    Optional<Instant> pulled = s.lastPulled(REPO, manifest);
    assertThat(pulled).isPresent();
    assertThat(s.lastPulled(OTHER, manifest)).isEmpty();
    assertThat(s.flushPulls()).isEqualTo(1);
    assertThat(s.flushPulls()).isZero();

    s.close();
    store = factory.apply(data);
    assertThat(store.lastPulled(REPO, manifest).map(Instant::toEpochMilli)).contains(pulled.get().toEpochMilli());
  }

  @ParameterizedTest
  @MethodSource("stores")
  void deletingAPulledManifestForgetsItsPendingPullTime(Function<Path, LocalStore> factory) {
    LocalStore s = open(factory);
    ManifestContent a = image(s, 80);
    ManifestContent b = image(s, 82);
    s.commitManifest(REPO, a, Set.of());
    s.commitManifest(REPO, b, Set.of());
    List<StoredManifest> all = new ArrayList<>();
    s.forEachManifest(all::add);
    StoredManifest storedB = all.stream().filter(m -> m.digest().equals(b.digest())).findFirst().orElseThrow();
    s.recordPull(REPO, a.digest());
    s.recordPull(REPO, b.digest());

    assertThat(s.deleteManifest(REPO, a.digest())).isTrue();
    assertThat(s.deleteManifests(List.of(storedB))).containsExactly(storedB);
    s.flushPulls();

    assertThat(s.lastPulled(REPO, a.digest())).isEmpty();
    assertThat(s.lastPulled(REPO, b.digest())).isEmpty();
  }

  private static void awaitBlocked(Thread thread) {
    while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
      if (thread.getState() == Thread.State.TERMINATED) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
