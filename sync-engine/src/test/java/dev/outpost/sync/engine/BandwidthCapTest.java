package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.outpost.fixtures.MutableClock;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.select.RepositoryRule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one cap over real HTTP while four blobs move at once, measured as bytes read off the link
 * ({@link LinkRateMeter} says why not at the parent's writes). Each pass is stopped once measured
 * (the blobs are larger than a window's worth), so the test costs the measuring windows, not whole
 * transfers. Windows are shorter than the 10 s; each holds at least a dozen grants of the
 * budget, and the rate is taken between reads, so the tolerance holds.
 */
class BandwidthCapTest extends EngineTestSupport {
  private static final Duration WARM_UP = Duration.ofMillis(1000);
  private final RandomImages images = new RandomImages(11);

  private static SyncSettings settings(Optional<Bandwidth> cap, List<BandwidthProfile.Range> profile) {
    return new SyncSettings(List.of(RepositoryRule.all(RepositoryPattern.parse("team/*"))), List.of(), 8, 4,
        FAST_RETRIES, Duration.ofSeconds(20), cap, SyncSettings.DEFAULT_DELETE_GRACE, profile);
  }

  private void pushFourImages(int layerSize) {
    for (int i = 0; i < 4; i++) {
      parent.push("team/app" + i, "v1", images.ociImage(layerSize));
    }
  }

  /** Runs a pass in the background, stopped when the returned flag is set. */
  private CompletableFuture<SyncReport> startPass(SyncSettings settings, Clock clock, SyncListener listener,
      AtomicBoolean stop) {
    return CompletableFuture.supplyAsync(() -> {
      try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store(),
          meters, clock)) {
        return engine.runOnce(listener, stop::get);
      }
    });
  }

  @ParameterizedTest(name = "{0} Mbit/s")
  @CsvSource({"1, 3000, 1000000", "10, 2000, 4000000", "100, 1500, 8000000"})
  @Timeout(60)
  void fourConcurrentBlobsTogetherStayWithinFivePercentOfTheCap(int mbit, long windowMillis, int layerSize)
      throws Exception {
    pushFourImages(layerSize);
    Bandwidth cap = Bandwidth.parse(mbit + "Mbit");
    AtomicBoolean stop = new AtomicBoolean();

    LinkRateMeter meter = new LinkRateMeter();
    CompletableFuture<SyncReport> pass = startPass(settings(Optional.of(cap), List.of()), Clock.systemUTC(), meter,
        stop);
    awaitBytes(meter);
    long from = System.nanoTime() + WARM_UP.toNanos();
    long to = from + Duration.ofMillis(windowMillis).toNanos();
    sleepUntil(to);
    stop.set(true);
    pass.get();
    double measured = meter.rate(from, to);

    System.out.printf("cap %d Mbit/s (%d B/s), 4 blobs: %.0f B/s read off the link over %d ms (%+.2f%%)%n",
        mbit, cap.bytesPerSecond(), measured, windowMillis, (measured / cap.bytesPerSecond() - 1) * 100);
    assertThat(measured).isCloseTo((double) cap.bytesPerSecond(), withPercentage(5));
  }

  @Test
  @Timeout(60)
  void aProfileSwitchMidPassChangesTheRate() throws Exception {
    pushFourImages(2_000_000);
    Bandwidth night = new Bandwidth(1_000_000);
    Bandwidth day = new Bandwidth(250_000);
    List<BandwidthProfile.Range> profile = List.of(
        new BandwidthProfile.Range(LocalTime.of(22, 0), LocalTime.of(6, 0), Optional.of(night)),
        new BandwidthProfile.Range(LocalTime.of(6, 0), LocalTime.of(22, 0), Optional.of(day)));
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T05:59:00Z"));
    AtomicBoolean stop = new AtomicBoolean();

    LinkRateMeter meter = new LinkRateMeter();
    CompletableFuture<SyncReport> pass = startPass(settings(Optional.empty(), profile), clock, meter, stop);
    awaitBytes(meter);
    long from = System.nanoTime() + WARM_UP.toNanos();
    long switchAt = from + Duration.ofMillis(1500).toNanos();
    sleepUntil(switchAt);
    clock.set(Instant.parse("2026-03-01T06:00:00Z"));
    long settled = System.nanoTime() + Duration.ofMillis(300).toNanos();
    long to = settled + Duration.ofMillis(3000).toNanos();
    sleepUntil(to);
    stop.set(true);
    pass.get();
    double before = meter.rate(from, switchAt);
    double after = meter.rate(settled, to);

    System.out.printf("profile switch mid-pass: %.0f B/s before 06:00 (cap %d), %.0f B/s after (cap %d)%n",
        before, night.bytesPerSecond(), after, day.bytesPerSecond());
    assertThat(before).isCloseTo((double) night.bytesPerSecond(), withPercentage(5));
    assertThat(after).isCloseTo((double) day.bytesPerSecond(), withPercentage(5));
  }

  private static void awaitBytes(LinkRateMeter meter) throws InterruptedException {
    while (meter.total() == 0) {
      Thread.sleep(5);
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }
}
