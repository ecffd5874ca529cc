package dev.outpost.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.image.RandomContent;
import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Digest;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import dev.outpost.sync.link.SimulatedTime;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A bundle made from the parent crosses the site's link: its copies keep to the sync cap (in simulated time). */
class BlobCopyBudgetTest {
  private static final RetryPolicy ONCE = new RetryPolicy(RetrySettings.once(), Clock.systemUTC());
  private final byte[] blob = RandomContent.bytes(3, 1_000_000);

  private ByteArrayOutputStream copy(BlobCopy copy) throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    copy.copy(BlobOpener.of(blob), ContentVerifier.of(Digest.sha256(blob), blob.length), blob.length, sink);
    return sink;
  }

  @Test
  void aCappedCopyTakesAsLongAsTheCapSays() throws Exception {
    SimulatedTime time = new SimulatedTime();

    ByteArrayOutputStream sink = copy(new BlobCopy(ONCE, () -> false,
        time.budget(BandwidthProfile.constant(Optional.of(new Bandwidth(100_000))))));

    assertThat(sink.toByteArray()).isEqualTo(blob);
    // 1,000,000 bytes at 100,000 B/s, less the first 64 KiB the bucket starts with.
    assertThat(time.elapsedNanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(9_300), TimeUnit.MILLISECONDS.toNanos(10_100));
  }

  @Test
  void anUncappedCopyNeverWaits() throws Exception {
    SimulatedTime time = new SimulatedTime();

    copy(new BlobCopy(ONCE, () -> false, time.budget(BandwidthProfile.constant(Optional.empty()))));

    assertThat(time.elapsedNanos()).isZero();
  }

  @Test
  void aStopWhileWaitingForTheBudgetStopsTheCopy() {
    SimulatedTime time = new SimulatedTime();
    AtomicBoolean stop = new AtomicBoolean();
    BlobCopy copy = new BlobCopy(ONCE, () -> {
      if (time.elapsedNanos() > TimeUnit.SECONDS.toNanos(2)) {
        stop.set(true);
      }
      return stop.get();
    }, time.budget(BandwidthProfile.constant(Optional.of(new Bandwidth(100_000)))));

    assertThatThrownBy(() -> copy(copy)).isInstanceOf(CreateStoppedException.class);
  }
}
