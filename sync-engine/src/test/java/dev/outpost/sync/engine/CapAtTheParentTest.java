package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.NetworkNamespace;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Digest;
import dev.outpost.sync.http.ReceiveWindow;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.testing.RegistryStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cap as the parent sends it, the measure: Debian's docker-registry in a network
 * namespace of its own, across a veth link with a 1500-byte MTU, four blobs synced at once under one
 * cap, and the bytes the registry's kernel says it sent on those connections over 10 s, after 2 s
 * in which the connections' receive windows fill. {@link BandwidthCapTest} measures the same cap
 * where the bytes are read. Over loopback this cannot be measured (see {@link NetworkNamespace}).
 *
 * <p>What is asserted is the new bytes the parent sent. Its resent bytes are printed beside them:
 * on this link, whose round trip is tens of microseconds, the parent's tail-loss probe (twice the
 * round trip) fires before the receiver's delayed acknowledgement (40 ms) each time a window fills,
 * and resends one packet. On a link to a site, with a round trip of milliseconds or more, the probe
 * waits longer than the acknowledgement. Each pass is stopped once measured; the blobs are sized to
 * outlast the measurement with every receive buffer full.
 *
 * <p>{@code -Doutpost.capTest.linkTimesCap=4} runs the same over a link of four times the cap (a
 * token bucket filter on the parent's end, see {@link NetworkNamespace#limitSendingTo}): the parent's
 * bursts then queue as on a real link, the round trip grows, and the resends mostly go. Not the default: the
 * queue makes the parent's rate noisier (within 4% where the unlimited link gives 2%).
 */
class CapAtTheParentTest extends EngineTestSupport {
  private static final Duration WARM_UP = Duration.ofSeconds(2);
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int REGISTRY_PORT = 5000;
  /** Set (to 2, 4…) to put the parent behind a link that many times the cap instead of an unlimited one. */
  static final String LINK_TIMES_CAP = "outpost.capTest.linkTimesCap";
  private final RandomImages images = new RandomImages(13);

  @TempDir
  Path work;

  private static SyncSettings settings(Bandwidth cap) {
    return new SyncSettings(List.of(RepositoryRule.all(RepositoryPattern.parse("team/*"))), List.of(), 8, 4,
        FAST_RETRIES, Duration.ofSeconds(20), Optional.of(cap), SyncSettings.DEFAULT_DELETE_GRACE, List.of());
  }

  @ParameterizedTest(name = "{0} Mbit/s")
  @CsvSource({"1, 1000000", "10, 6000000", "100, 70000000"})
  @Timeout(180)
  void fourConcurrentBlobsLeaveTheParentAtTheCapWithinFivePercentOverTenSeconds(int mbit, int layerSize)
      throws Exception {
    Bandwidth cap = Bandwidth.parse(mbit + "Mbit");
    try (NetworkNamespace link = NetworkNamespace.create()) {
      Integer linkTimesCap = Integer.getInteger(LINK_TIMES_CAP);
      if (linkTimesCap != null) {
        link.limitSendingTo(cap.bytesPerSecond() * 8 * linkTimesCap);
      }
      RegistryStorage storage = new RegistryStorage(work.resolve("registry/data"));
      for (int i = 0; i < 4; i++) {
        storage.put("team/app" + i, "v1", images.ociImage(layerSize));
      }
      try (DockerRegistryProcess registry = DockerRegistryProcess.startIn(link, work.resolve("registry"))) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong read = new AtomicLong();
        SyncListener counting = new SyncListener() {
          @Override
          public void bytesProgressed(Digest digest, long bytes) {
            read.addAndGet(bytes);
          }
        };
        CompletableFuture<SyncReport> pass = CompletableFuture.supplyAsync(() -> {
          try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(registry.url(), null, null), settings(cap),
              store(), meters, Clock.systemUTC())) {
            return engine.runOnce(counting, stop::get);
          }
        });
        while (read.get() == 0 && !pass.isDone()) {
          Thread.sleep(5);
        }
        sleepFor(WARM_UP);

        long startNanos = System.nanoTime();
        NetworkNamespace.Sent atStart = link.sentFrom(REGISTRY_PORT);
        long readAtStart = read.get();
        sleepFor(WINDOW);
        NetworkNamespace.Sent sent = link.sentFrom(REGISTRY_PORT).since(atStart);
        long readInWindow = read.get() - readAtStart;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        boolean stillRunning = !pass.isDone();
        stop.set(true);
        pass.get();

        double atTheParent = sent.newBytes() / seconds;
        OptionalInt buffer = ReceiveWindow.forCap(cap.bytesPerSecond(), 4);
        System.out.printf("cap %d Mbit/s (%d B/s), 4 blobs, %.1f s: the parent sent %.0f B/s (%+.2f%%) and %.0f B/s"
                + " again; the engine read %.0f B/s (%+.2f%%); receive buffer %s%n",
            mbit, cap.bytesPerSecond(), seconds, atTheParent, percentOff(atTheParent, cap),
            sent.resentBytes() / seconds, readInWindow / seconds, percentOff(readInWindow / seconds, cap),
            buffer.isPresent() ? buffer.getAsInt() + " bytes" : "left to the kernel (net.core.rmem_max is lower)");
        if (linkTimesCap != null) {
          System.out.printf("  (over a link of %d times the cap)%n", linkTimesCap);
        }
        assertThat(stillRunning).as("the blobs outlast the measurement").isTrue();
        assertThat(atTheParent).as("new bytes per second sent by the parent").isCloseTo(
            (double) cap.bytesPerSecond(), withPercentage(5));
      }
    }
  }

  private static double percentOff(double measured, Bandwidth cap) {
    return (measured / cap.bytesPerSecond() - 1) * 100;
  }

  private static void sleepFor(Duration duration) throws InterruptedException {
    long until = System.nanoTime() + duration.toNanos();
    long left;
    while ((left = until - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }
}
