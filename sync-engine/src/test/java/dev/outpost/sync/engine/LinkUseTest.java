package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a pass uses the link: one bandwidth cap for all its workers, and a stop that takes effect at
 * the next read (not the next chunk) and keeps every byte received, so the next pass fetches none
 * of them again.
 */
class LinkUseTest extends EngineTestSupport {
  private final RandomImages images = new RandomImages(7);
  private final RepositoryName repo = RepositoryName.of("library/hello");

  private static SyncSettings settings(int chunkSizeMb, Optional<Bandwidth> cap, String repo) {
    return new SyncSettings(List.of(RepositoryPattern.parse(repo)), List.of(), chunkSizeMb, 4, FAST_RETRIES,
        Duration.ofSeconds(20), cap);
  }


  private SyncReport pass(SyncSettings settings, SyncListener listener, BooleanSupplier stop) {
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store(), meters,
        java.time.Clock.systemUTC())) {
      return engine.runOnce(listener, stop);
    }
  }

  private long resumedFrom(Digest layer) {
    String range = parent.requests().stream().filter(r -> r.path().endsWith(layer.toString()))
        .map(r -> r.range().orElse("bytes=0-")).reduce((first, second) -> second).orElseThrow();
    return Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
  }

  @Test
  @Timeout(60)
  void aStopInsideAChunkKeepsEveryByteReceivedAndTheNextPassFetchesNoneAgain() {
    Image image = images.ociImage(3_500_000);
    Digest layer = Digest.sha256(image.layers().get(0));
    parent.push(repo.value(), "v1", image);
    ReceivedBytes received = new ReceivedBytes(layer);

    // One 8 MiB chunk holds the whole layer: a stop honoured only at chunk boundaries would not
    // stop this blob at all. A cap makes the transfer take long enough to be stopped mid-way.
    SyncReport stopped = pass(settings(8, Optional.of(new Bandwidth(2_000_000)), repo.value()), received,
        () -> received.bytes.get() >= 1_000_000);

    assertThat(stopped.repositories()).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(RepoResult.Outcome.STOPPED));
    assertThat(store().resolveTag(repo, Tag.of("v1"))).isEmpty();
    long kept = received.bytes.get();
    assertThat(kept).isBetween(1_000_000L, (long) image.layers().get(0).length - 1);
    parent.clearRequests();

    assertThat(pass(settings(8, Optional.empty(), repo.value()), SyncListener.NONE, () -> false).complete()).isTrue();

    assertThat(resumedFrom(layer)).as("the next pass starts at the first byte not yet received").isEqualTo(kept);
    assertThat(store().resolveTag(repo, Tag.of("v1"))).hasValue(image.digest());
  }

  @Test
  @Timeout(60)
  void fourWorkersShareOneCap() {
    for (int i = 0; i < 4; i++) {
      parent.push("team/app" + i, "v1", images.ociImage(1_000_000));
    }
    long cap = 2_000_000;
    long started = System.nanoTime();

    SyncReport report = pass(settings(1, Optional.of(new Bandwidth(cap)), "team/*"), SyncListener.NONE, () -> false);

    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(report.complete()).isTrue();
    // A lower bound only, which machine load cannot break: 4 MB through one 2 MB/s budget (with
    // its 0.2 MB burst) cannot take less than 1.9 s. Four budgets, one per worker, would take 0.5 s.
    assertThat(seconds).isGreaterThanOrEqualTo((4_000_000 - cap / 10) / (double) cap);
  }
}
