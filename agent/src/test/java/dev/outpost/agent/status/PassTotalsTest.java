package dev.outpost.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.MutableClock;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.schedule.SyncWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The totals and ETA of a running pass cover every blob of the images it has resolved, not only the
 * blobs it has begun: a real engine against the parent fixture, one blob worker, every blob held
 * back by the parent, so only the first blob has begun when the figures are read. Progress times
 * come from an injected clock; the ETA is what is left at the cap.
 */
class PassTotalsTest {
  private static final RepositoryName REPO = RepositoryName.of("team/app");
  private static final long CAP = 100_000;
  private static final long DURABLE = 100_000;

  @TempDir
  Path data;

  private final ParentRegistryFixture parent = ParentRegistryFixture.start();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T23:00:00Z"));
  private final SyncProgress progress = new SyncProgress(clock);
  private LocalStore store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
    parent.close();
  }

  @Test
  @Timeout(60)
  void afterTheManifestIsResolvedTheTotalIsEveryMissingBlobAndTheEtaIsWhatIsLeftAtTheCap() throws Exception {
    Image image = new RandomImages(3).ociImage(300_000, 400_000);
    parent.push(REPO.value(), "v1", image);
    image.blobs().keySet().forEach(d -> parent.delayPath("/v2/" + REPO.value() + "/blobs/" + d, Duration.ofSeconds(30)));
    store = RocksLocalStore.open(data);
    Digest partial = Digest.sha256(image.layers().get(1));
    keepDurable(partial, image.layers().get(1), DURABLE); // from an earlier window
    long total = image.blobs().values().stream().mapToLong(b -> b.length).sum();

    AtomicBoolean stop = new AtomicBoolean();
    progress.passStarted();
    CompletableFuture<SyncReport> pass = CompletableFuture.supplyAsync(() -> run(stop));
    try {
      while (parent.requests().stream().noneMatch(r -> r.path().contains("/blobs/"))) {
        Thread.sleep(10);
      }

      SyncOutlook outlook = new SyncOutlook(new SyncWindow("0 22 * * *", Duration.ofHours(4)), java.util.Optional.of(CAP),
          java.util.Optional.of(progress), clock);
      RepoProgress repo = outlook.progress(REPO, 0);
      SyncSummary summary = outlook.summary();
      assertThat(repo.bytesTotal()).as("every blob of the resolved image, begun or not").isEqualTo(total);
      assertThat(repo.bytesDone()).as("the durable partial bytes").isEqualTo(DURABLE);
      assertThat(repo.etaSeconds()).isEqualTo((long) Math.ceil((total - DURABLE) / (double) CAP));
      assertThat(summary.passBytesTotal()).isEqualTo(total);
      assertThat(summary.passEtaSeconds()).isEqualTo(repo.etaSeconds());
    } finally {
      stop.set(true);
      pass.get();
    }
  }

  private void keepDurable(Digest digest, byte[] content, long bytes) {
    try (BlobIngest ingest = store.openIngest(digest, content.length, "parent:" + REPO)) {
      ingest.write(content, 0, (int) bytes);
      ingest.checkpoint();
    }
  }

  private SyncReport run(AtomicBoolean stop) {
    // One blob worker: the first blob's request waits at the parent, the others have not begun.
    SyncSettings settings = new SyncSettings(List.of(RepositoryPattern.parse(REPO.value())), List.of(), 1, 1,
        new RetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofSeconds(1)), Duration.ofSeconds(60));
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null), settings, store,
        new SimpleMeterRegistry(), Clock.systemUTC())) {
      return engine.runOnce(progress, stop::get);
    }
  }
}
