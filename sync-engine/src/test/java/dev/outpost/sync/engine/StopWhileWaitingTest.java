package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stop (window end, shutdown) while no byte is moving: a request waiting for a parent that is
 * slow to send its headers, and a worker waiting out a retry's backoff. Neither has a read the
 * blob stream's abort could fail, so without the stop reaching them the pass would wait out the
 * parent's 30 s delay or the 30 s backoff. The pass must return within about a second (asserted
 * with a bound generous to machine load, 5 s) as stopped, not failed, and the next pass must finish.
 */
class StopWhileWaitingTest extends EngineTestSupport {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration GENEROUS_BOUND = Duration.ofSeconds(5);
  /** Backoffs of 30 s: one wait outlasts the bound several times over. */
  private static final RetrySettings SLOW_RETRIES = new RetrySettings(5, LONG, LONG, LONG);
  private final RandomImages images = new RandomImages(9);
  private final RepositoryName repo = RepositoryName.of("library/hello");
  private final Image image = images.ociImage(200_000);
  private final String tagPath = "/v2/library/hello/manifests/v1";
  private final String blobPath = "/v2/library/hello/blobs/" + Digest.sha256(image.layers().get(0));

  @BeforeEach
  void pushTheImage() {
    parent.push(repo.value(), "v1", image);
  }

  @Test
  @Timeout(90)
  void aStopWhileTheParentHoldsBackTheHeadersOfAManifestRequestIsOnTime() throws Exception {
    parent.delayPath(tagPath, LONG);

    stopOnceAsked(tagPath, FAST_RETRIES);

    parent.delayPath(tagPath, Duration.ZERO);
    assertNextPassCompletes();
  }

  @Test
  @Timeout(90)
  void aStopWhileTheParentHoldsBackTheHeadersOfABlobIsOnTime() throws Exception {
    parent.delayPath(blobPath, LONG);

    stopOnceAsked(blobPath, FAST_RETRIES);

    parent.delayPath(blobPath, Duration.ZERO);
    assertNextPassCompletes();
  }

  @Test
  @Timeout(90)
  void aStopWhileAWorkerBacksOffFromA503IsOnTime() throws Exception {
    parent.failPath(blobPath, 503); // no Retry-After: the policy's own 30 s backoff

    stopOnceAsked(blobPath, SLOW_RETRIES);
  }

  @Test
  @Timeout(90)
  void aStopWhileWaitingOutARetryAfterOnAManifestIsOnTime() throws Exception {
    parent.failPath(tagPath, 503);

    stopOnceAsked(tagPath, SLOW_RETRIES);
  }

  /**
   * Runs a pass, requests the stop once the parent has received a request for {@code path} (and
   * 200 ms more, so the client is waiting), and checks that the pass returns on time, stopped.
   */
  private void stopOnceAsked(String path, RetrySettings retries) throws Exception {
    SyncSettings settings = new SyncSettings(List.of(RepositoryPattern.parse(repo.value())), List.of(), 1, 4, retries,
        Duration.ofSeconds(60));
    TimedStop stopped = TimedStop.of(stop -> pass(settings, stop),
        () -> parent.requests().stream().anyMatch(r -> r.path().equals(path)));

    System.out.printf("stop lateness while waiting on %s: %d ms%n", path, stopped.late().toMillis());
    assertThat(stopped.late()).as("the pass returned within about a second of the stop").isLessThan(GENEROUS_BOUND);
    assertThat(stopped.report().repositories()).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(RepoResult.Outcome.STOPPED));
  }

  private void assertNextPassCompletes() {
    assertThat(pass(settings(repo.value()), new AtomicBoolean()).complete()).isTrue();
    assertThat(store().resolveTag(repo, Tag.of("v1"))).hasValue(image.digest());
  }

  private SyncReport pass(SyncSettings settings, AtomicBoolean stop) {
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store(), meters,
        Clock.systemUTC())) {
      return engine.runOnce(SyncListener.NONE, stop::get);
    }
  }
}
