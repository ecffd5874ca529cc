package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.EvictedTag;
import dev.outpost.store.gc.GarbageCollector;
import dev.outpost.store.gc.PartialPolicy;
import dev.outpost.store.gc.Quota;
import dev.outpost.store.gc.QuotaReport;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quota and sync together, over a real parent and a real store: an image the quota evicted is
 * not fetched again while its tag still points at it upstream, and is once the tag moves.
 */
class QuotaEvictionSyncTest extends EngineTestSupport {
  private static final RepositoryName APP = RepositoryName.of("app");
  private final RandomImages images = new RandomImages(7);

  @Test
  void anEvictedTagIsNotFetchedAgainUntilItMovesUpstream() {
    Image v1 = images.ociImage(300_000);
    Image v2 = images.ociImage(200_000);
    parent.push("app", "v1", v1).push("app", "v2", v2);
    assertThat(sync(settings("app")).complete()).isTrue();
    long total = size();

    QuotaReport quota = new Quota(store(), store(), total - 1000, List.of(), Duration.ZERO, Clock.systemUTC()).enforce();
    assertThat(quota.evictions()).hasSize(1);
    Tag evicted = quota.evictions().getFirst().tags().getFirst();
    Image evictedImage = evicted.value().equals("v1") ? v1 : v2;
    new GarbageCollector(store(), Duration.ZERO, new PartialPolicy(List.of(), Duration.ofDays(7)), Clock.systemUTC())
        .collect(false);
    assertThat(store().evicted(APP, evicted)).map(EvictedTag::manifest).contains(evictedImage.digest());
    assertThat(store().manifest(APP, evictedImage.digest())).isEmpty();

    parent.clearRequests();
    SyncReport again = sync(settings("app"));

    assertThat(again.complete()).isTrue();
    assertThat(again.changes().skippedEvicted()).containsExactly(new SyncChanges.TagRef(APP, evicted));
    assertThat(again.changes().images()).isEmpty();
    assertThat(parent.requests()).noneMatch(LoggedRequest::isBlobRequest);
    assertThat(parent.requests()).filteredOn(r -> r.path().contains("/manifests/"))
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("HEAD"));
    assertThat(store().resolveTag(APP, evicted)).isEmpty();
    assertThat(size()).isLessThanOrEqualTo(total - 1000);

    Image moved = images.ociImage(100_000);
    parent.push("app", evicted.value(), moved);
    parent.clearRequests();
    SyncReport afterMove = sync(settings("app"));

    assertThat(afterMove.complete()).isTrue();
    assertThat(afterMove.changes().skippedEvicted()).isEmpty();
    assertThat(store().resolveTag(APP, evicted)).contains(moved.digest());
    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).isNotEmpty();
    assertThat(store().evicted(APP, evicted)).isEmpty();
  }

  @Test
  void aDryRunReportsTheEvictedTagAsSkipped() {
    parent.push("app", "v1", images.ociImage(300_000));
    assertThat(sync(settings("app")).complete()).isTrue();
    new Quota(store(), store(), 0, List.of(), Duration.ZERO, Clock.systemUTC()).enforce();
    new GarbageCollector(store(), Duration.ZERO, new PartialPolicy(List.of(), Duration.ofDays(7)), Clock.systemUTC())
        .collect(false);
    parent.clearRequests();

    SyncReport dry;
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings("app"), store(),
        meters, Clock.systemUTC())) {
      dry = engine.dryRun(SyncListener.NONE);
    }

    assertThat(dry.changes().skippedEvicted()).containsExactly(new SyncChanges.TagRef(APP, Tag.of("v1")));
    assertThat(dry.changes().images()).isEmpty();
    assertThat(parent.requests()).noneMatch(r -> r.method().equals("GET") && r.path().contains("/manifests/"));
  }

  private long size() {
    long[] total = {0};
    store().forEachBlob(b -> total[0] += b.size());
    return total[0];
  }
}
