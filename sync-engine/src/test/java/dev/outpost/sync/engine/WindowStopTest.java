package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.parent.ParentEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stop (window end, shutdown) while a read is blocked on the link: on a 1 Mbit/s link a 1 MiB
 * read takes 8 s, and on a parent gone silent it lasts until the stall timeout. The pass must
 * return within about a second of the stop anyway, keep every byte it received (checkpointed at
 * the stop), and the next pass must ask the parent for none of them again.
 *
 * <p>Lateness is asserted with a bound generous to machine load (3 s, against 8 s and 20 s
 * without the fix) and printed.
 */
class WindowStopTest extends EngineTestSupport {
  private static final long ONE_MBIT = 125_000;
  private static final Duration GENEROUS_BOUND = Duration.ofSeconds(3);
  private final RandomImages images = new RandomImages(5);
  private final RepositoryName repo = RepositoryName.of("library/hello");
  /** One 3 MB layer: at 1 Mbit/s, longer than any of these tests waits before its stop. */
  private final Image image = images.ociImage(3_000_000);
  private final Digest layer = Digest.sha256(image.layers().get(0));

  @BeforeEach
  void pushTheImage() {
    parent.push(repo.value(), "v1", image);
  }

  private static SyncSettings settings(Optional<Bandwidth> cap) {
    // One 8 MiB chunk holds the whole layer: no chunk boundary comes to the rescue.
    return new SyncSettings(List.of(RepositoryPattern.parse("library/hello")), List.of(), 8, 4, FAST_RETRIES,
        Duration.ofSeconds(20), cap);
  }


  @Test
  @Timeout(60)
  void aWindowEndingMidBlobOnAOneMbitLinkStopsWithinASecondAndTheNextPassRefetchesNothing() throws Exception {
    parent.throttleBlobs(ONE_MBIT); // the link itself: the client's 1 MiB read waits on it

    stopAfterParentSent(300_000, Optional.of(new Bandwidth(ONE_MBIT)));
  }

  @Test
  @Timeout(60)
  void onAOneMbitLinkWithoutACapTheStopDoesNotWaitForA1MiBReadToFill() throws Exception {
    parent.throttleBlobs(ONE_MBIT); // no cap: reads of 1 MiB, 8 s each on this link

    stopAfterParentSent(300_000, Optional.empty());
  }

  @Test
  @Timeout(60)
  void aStopWhileTheParentSendsNothingIsOnTimeToo() throws Exception {
    parent.stallBlobOnce(layer, 1_000_000); // then silence, the connection open, for the 20 s stall timeout

    stopAfterParentSent(1_000_000, Optional.empty());
  }

  @Test
  @Timeout(60)
  void bytesTheParentSentAheadOfACappedReadAreKeptAtTheStop() throws Exception {
    // 40 kB arrive at once and wait in this end's receive buffer; at 8 KiB/s the reads have taken
    // none of them when the stop comes (the budget starts empty), so each must be kept by the stop.
    parent.stallBlobOnce(layer, 40_000);

    stopAfterParentSent(40_000, Optional.of(new Bandwidth(8 * 1024)));
  }

  /**
   * Requests the stop once the parent has sent {@code sentBeforeStop} bytes of {@code layer} (and
   * 200 ms more, so the client is blocked in its read), then runs a second pass and counts at the
   * parent the bytes of the layer it sent twice.
   */
  private void stopAfterParentSent(long sentBeforeStop, Optional<Bandwidth> cap)
      throws Exception {
    int size = image.layers().get(0).length;
    ReceivedBytes received = new ReceivedBytes(layer);
    TimedStop first = TimedStop.of(stop -> pass(settings(cap), received, stop), () -> sent(layer) >= sentBeforeStop);
    SyncReport stopped = first.report();
    Duration late = first.late();
    long sentInFirst = sent(layer);
    long kept = received.bytes.get();

    parent.throttleBlobs(0);
    parent.clearRequests();
    assertThat(pass(settings(Optional.empty()), SyncListener.NONE, new AtomicBoolean()).complete()).isTrue();
    long sentInSecond = sent(layer);
    long refetched = sentInFirst + sentInSecond - size;

    System.out.printf("stop lateness %d ms; kept %d of %d bytes sent before the stop; re-fetched %d bytes%n",
        late.toMillis(), kept, sentInFirst, refetched);
    assertThat(stopped.repositories()).singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(RepoResult.Outcome.STOPPED));
    assertThat(late).as("the pass returned within about a second of the stop").isLessThan(GENEROUS_BOUND);
    assertThat(kept).as("bytes received before the stop are kept").isGreaterThanOrEqualTo(sentBeforeStop);
    assertThat(sentInSecond).as("the next pass asks only for what was not received").isEqualTo(size - kept);
    assertThat(refetched).as("bytes of the layer the parent sent twice").isZero();
    assertThat(store().resolveTag(repo, Tag.of("v1"))).hasValue(image.digest());
  }

  private SyncReport pass(SyncSettings settings, SyncListener listener, AtomicBoolean stop) {
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store(), meters,
        Clock.systemUTC())) {
      return engine.runOnce(listener, stop::get);
    }
  }

  /** Bytes of {@code layer} the parent handed to its connections, over the requests it logged. */
  private long sent(Digest layer) {
    return parent.requests().stream().filter(r -> r.path().endsWith(layer.toString()))
        .mapToLong(LoggedRequest::blobBytesSent).sum();
  }
}
