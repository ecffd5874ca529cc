package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine end to end: parent fixture over real HTTP into a real RocksDB store. */
class SyncEngineTest extends EngineTestSupport {
  private final RandomImages images = new RandomImages(42);

  private void assertVisible(String repo, String tag, Image image) {
    RepositoryName name = RepositoryName.of(repo);
    assertThat(store().resolveTag(name, Tag.of(tag))).contains(image.digest());
    ManifestContent stored = store().manifest(name, image.digest()).orElseThrow();
    assertThat(stored.bytes()).isEqualTo(image.manifest().bytes());
    assertThat(stored.contentType()).isEqualTo(image.manifest().contentType());
    image.blobs().keySet().forEach(d -> assertThat(store().stat(d)).as("blob %s", d).isPresent());
  }

  @Test
  void syncsAnOciImageStreamingEachBlobWithOneRequest() {
    Image image = images.ociImage(2_500_000, 1000);
    parent.push("library/hello", "v1", image);

    SyncReport report = sync(settings("library/hello"));

    assertThat(report.complete()).as("%s", report).isTrue();
    assertVisible("library/hello", "v1", image);
    long total = image.blobs().values().stream().mapToLong(b -> b.length).sum();
    RepoSyncState state = store().syncState(RepositoryName.of("library/hello")).orElseThrow();
    assertThat(state.status()).isEqualTo(RepoSyncState.Status.SYNCED);
    assertThat(state.tagCount()).isEqualTo(1);
    assertThat(state.bytes()).isEqualTo(total);
    assertThat(state.lastSuccess()).isPresent();
    assertThat(meters.counter("outpost_sync_bytes_total", "repository", "library/hello").count()).isEqualTo(total);
    assertThat(meters.counter("outpost_sync_blobs_total", "repository", "library/hello").count()).isEqualTo(3);
    int bigLayer = image.layers().get(0).length; // a tar: a little over 2.5 MB
    // Checkpointed every 1 MiB chunk, but fetched with one request: no round trip per chunk.
    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).extracting(r -> r.range().orElse("none"))
        .contains("bytes=0-" + (bigLayer - 1)).hasSize(3);
  }

  @Test
  void syncsADockerSchema2Image() {
    Image image = images.dockerImage(3000, 4000);
    parent.push("legacy/app", "1.0", image);

    assertThat(sync(settings("legacy/app")).complete()).isTrue();

    assertVisible("legacy/app", "1.0", image);
    assertThat(store().manifest(RepositoryName.of("legacy/app"), image.digest()).orElseThrow().contentType().value())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
  }

  @Test
  void syncsAMultiArchIndexWithAllPlatforms() {
    Index index = images.multiArchIndex(2000);
    parent.push("multi/app", "latest", index);

    assertThat(sync(settings("multi/app")).complete()).isTrue();

    RepositoryName repo = RepositoryName.of("multi/app");
    assertThat(store().resolveTag(repo, Tag.of("latest"))).contains(index.digest());
    assertThat(store().manifest(repo, index.digest()).orElseThrow().bytes()).isEqualTo(index.manifest().bytes());
    for (Image child : index.images()) {
      assertThat(store().manifest(repo, child.digest())).isPresent();
      child.blobs().keySet().forEach(d -> assertThat(store().stat(d)).isPresent());
    }
  }

  @Test
  void aPlatformFilterKeepsTheIndexDigestAndLeavesOtherChildrenAbsent() {
    Index index = images.multiArchIndex(2000);
    Image amd64 = index.images().get(0);
    Image arm64 = index.images().get(1);
    parent.push("multi/app", "latest", index);

    assertThat(sync(settings(List.of(RandomImages.AMD64), "multi/app")).complete()).isTrue();

    RepositoryName repo = RepositoryName.of("multi/app");
    assertThat(store().resolveTag(repo, Tag.of("latest"))).contains(index.digest());
    assertThat(store().manifest(repo, amd64.digest())).isPresent();
    assertThat(store().manifest(repo, arm64.digest())).isEmpty();
    assertThat(store().stat(Digest.sha256(arm64.layers().get(0)))).isEmpty();
    assertThat(parent.requests()).noneMatch(r -> r.path().contains(arm64.digest().toString()));
  }

  @Test
  void aWildcardSelectsThroughThePaginatedCatalog() {
    Image image = images.ociImage(100);
    for (String repo : List.of("team/a", "team/b/c", "teamx/d", "other")) {
      parent.push(repo, "v1", image);
    }

    SyncReport report = sync(settings("team/*"));

    assertThat(report.repositories()).extracting(r -> r.repository().value()).containsExactly("team/a", "team/b/c");
    assertThat(store().repositories()).extracting(RepositoryName::value).containsExactly("team/a", "team/b/c");
  }

  @Test
  void aSecondPassOverUnchangedTagsFetchesNoBlobBytes() {
    Image image = images.ociImage(5000);
    parent.push("app", "v1", image).push("app", "v2", images.ociImage(6000)).push("app", "v3", image);
    assertThat(sync(settings("app")).complete()).isTrue();
    parent.clearRequests();

    assertThat(sync(settings("app")).complete()).isTrue();

    List<LoggedRequest> second = parent.requests();
    assertThat(second).noneMatch(LoggedRequest::isBlobRequest);
    assertThat(second).filteredOn(r -> r.path().contains("/manifests/")).hasSize(3)
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("HEAD"));
    assertThat(second).hasSize(5); // the ping, the tag list and one HEAD per tag
  }

  @Test
  void aTagWhoseManifestWasDeletedIsSyncedAgainNotTakenAsUpToDate() {
    Image image = images.ociImage(5000);
    parent.push("app", "v1", image);
    assertThat(sync(settings("app")).complete()).isTrue();
    RepositoryName app = RepositoryName.of("app");
    Digest manifest = store().resolveTag(app, Tag.of("v1")).orElseThrow();
    // What verify --repair does to a corrupt manifest: the tag is left pointing at nothing.
    store().deleteManifest(app, manifest);

    assertThat(sync(settings("app")).complete()).isTrue();

    assertThat(store().resolve(app, new Reference.ByTag(Tag.of("v1")))).isPresent();
  }

  @Test
  void identicalBlobsAreFetchedOnceAcrossRepositories() {
    Image image = images.ociImage(3000, 4000);
    parent.push("a/x", "v1", image).push("a/y", "v1", image).push("a/z", "v1", image);

    assertThat(sync(settings("a/x", "a/y", "a/z")).complete()).isTrue();

    for (Digest blob : image.blobs().keySet()) {
      assertThat(parent.requests()).filteredOn(r -> r.path().endsWith(blob.toString())).hasSize(1);
    }
  }

  @Test
  void aNewTagUpstreamIsPickedUpByTheNextPass() {
    parent.push("app", "v1", images.ociImage(100));
    sync(settings("app"));
    Image second = images.ociImage(200);
    parent.push("app", "v2", second);

    assertThat(sync(settings("app")).complete()).isTrue();

    assertVisible("app", "v2", second);
    assertThat(store().syncState(RepositoryName.of("app")).orElseThrow().tagCount()).isEqualTo(2);
  }

  @Test
  void whileSyncingTheRecordKeepsThePreviousSizeAndThePassEndsWithTheClosure() {
    Image image = images.ociImage(3000, 700);
    parent.push("app", "v1", image);
    RepositoryName app = RepositoryName.of("app");
    // A size from an earlier pass, deliberately unlike the store's closure (nothing yet).
    store().putSyncState(new RepoSyncState(app, RepoSyncState.Status.SYNCED, java.util.Optional.empty(),
        java.util.Optional.empty(), java.util.Optional.empty(), 0, 12_345));
    List<RepoSyncState> duringThePass = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    SyncListener listener = new SyncListener() {
      @Override
      public void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
        duringThePass.add(store().syncState(app).orElseThrow());
      }
    };

    try (SyncEngine engine = new SyncEngine(dev.outpost.sync.parent.ParentEndpoint.fromUrl(parent.url(), null, null),
        settings("app"), store(), meters, java.time.Clock.systemUTC())) {
      assertThat(engine.runOnce(listener, () -> false).complete()).isTrue();
    }

    assertThat(duringThePass).isNotEmpty().allSatisfy(state -> {
      assertThat(state.status()).isEqualTo(RepoSyncState.Status.SYNCING);
      assertThat(state.bytes()).isEqualTo(12_345);
    });
    assertThat(store().syncState(app).orElseThrow().bytes())
        .isEqualTo(image.blobs().values().stream().mapToLong(b -> b.length).sum());
  }

  @Test
  void theListenerSeesRepositoriesBlobsAndBytes() {
    Image image = images.ociImage(1_500_000, 700);
    parent.push("app", "v1", image);
    java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    SyncListener listener = new SyncListener() {
      @Override
      public void repositoryStarted(RepositoryName repository) {
        events.add("started " + repository);
      }

      @Override
      public void repositoryFinished(RepoResult result) {
        events.add("finished " + result.repository() + " " + result.outcome());
      }

      @Override
      public void blobStarted(RepositoryName repository, Digest digest, long size, long alreadyPresent) {
        events.add("blob " + digest);
      }

      @Override
      public void bytesProgressed(Digest digest, long n) {
        bytes.addAndGet(n);
      }

      @Override
      public void blobDone(Digest digest) {
        events.add("done " + digest);
      }
    };

    try (SyncEngine engine = new SyncEngine(dev.outpost.sync.parent.ParentEndpoint.fromUrl(parent.url(), null, null),
        settings("app"), store(), meters, java.time.Clock.systemUTC())) {
      assertThat(engine.runOnce(listener, () -> false).complete()).isTrue();
    }

    assertThat(events.get(0)).isEqualTo("started app");
    assertThat(events.get(events.size() - 1)).isEqualTo("finished app OK");
    for (Digest blob : image.blobs().keySet()) {
      assertThat(events).contains("blob " + blob, "done " + blob);
    }
    assertThat(bytes.get()).isEqualTo(image.blobs().values().stream().mapToLong(b -> b.length).sum());
  }
}
