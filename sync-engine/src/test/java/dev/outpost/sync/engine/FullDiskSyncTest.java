package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.TmpfsMount;
import dev.outpost.store.LocalStore;
import dev.outpost.store.RepoSyncState;
import dev.outpost.store.SpaceReserve;
import dev.outpost.store.StoreFullException;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.parent.ParentEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, on a real 64 MiB filesystem (tmpfs, mounted by the test): the store opens on it
 * (read-write once its reserved file is released, read-only when even that is gone) and serves
 * what is present; a pass that does not fit is refused; a write failing for lack of space stops the
 * ingest with nothing half-written visible; syncing completes once space returns.
 */
class FullDiskSyncTest {
  private static final long RESERVE = 4L << 20;
  private final RandomImages images = new RandomImages(7);
  private final ParentRegistryFixture parent = ParentRegistryFixture.start();
  private final RepositoryName present = RepositoryName.of("library/present");
  private final RepositoryName incoming = RepositoryName.of("library/incoming");

  @TempDir
  Path temp;
  private TmpfsMount disk;
  private Path data;
  private LocalStore store;

  @BeforeEach
  void mount() throws Exception {
    disk = TmpfsMount.mount(temp.resolve("disk"), 64);
    data = disk.directory().resolve("store");
  }

  @AfterEach
  void unmount() throws Exception {
    if (store != null) {
      store.close();
    }
    parent.close();
    if (disk != null) {
      disk.close();
    }
  }

  private LocalStore reopen() {
    if (store != null) {
      store.close();
    }
    store = RocksLocalStore.open(data, new SpaceReserve(RESERVE));
    return store;
  }

  private SyncReport sync(RepositoryName repo, SyncListener listener) {
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parent.url(), null, null),
        EngineTestSupport.settings(repo.value()), store, new SimpleMeterRegistry(), Clock.systemUTC())) {
      return engine.runOnce(listener, () -> false);
    }
  }

  private void assertServes(Image image) throws IOException {
    assertThat(store.resolveTag(present, Tag.of("v1"))).contains(image.digest());
    assertThat(store.manifest(present, image.digest())).isPresent();
    for (Digest blob : image.blobs().keySet()) {
      assertThat(Digest.sha256(Files.readAllBytes(store.blobPath(blob)))).isEqualTo(blob);
    }
  }

  @Test
  void opensOnAFullDiskServesWhatIsPresentRefusesWhatDoesNotFitAndResumesWhenSpaceReturns() throws Exception {
    Image image = images.ociImage(1 << 20, 1 << 20);
    Image big = images.ociImage(12 << 20);
    parent.push(present.value(), "v1", image).push(incoming.value(), "v1", big);
    reopen();
    assertThat(sync(present, SyncListener.NONE).complete()).isTrue();
    assertThat(store.space().full()).isFalse();
    assertThat(data.resolve("index.reserve")).exists();
    store.close();
    store = null;

    disk.fill(disk.directory().resolve("filler-1"));
    assertThat(disk.free()).isZero();

    // Read-write: the reserved file gave the index room.
    reopen();
    assertServes(image);
    assertThat(data.resolve("index.reserve")).doesNotExist();
    assertThat(store.space().full()).isTrue();
    SyncReport refused = sync(incoming, SyncListener.NONE);
    assertThat(refused.complete()).isFalse();
    assertThat(refused.selectionFailure()).hasValueSatisfying(r -> assertThat(r).contains("disk full"));
    assertThat(store.resolveTag(incoming, Tag.of("v1"))).isEmpty();

    // Even that room taken: the index opens read-only and still serves.
    store.close();
    store = null;
    disk.fill(disk.directory().resolve("filler-2"));
    reopen();
    assertServes(image);
    assertThat(store.space().fullReason()).hasValueSatisfying(r -> assertThat(r).contains("read-only"));
    assertThatThrownBy(() -> store.putSyncState(new RepoSyncState(incoming, RepoSyncState.Status.PENDING,
        Optional.empty(), Optional.empty(), Optional.empty(), 0, 0))).isInstanceOf(StoreFullException.class);

    Files.delete(disk.directory().resolve("filler-1"));
    Files.delete(disk.directory().resolve("filler-2"));
    SyncReport resumed = sync(incoming, SyncListener.NONE);
    assertThat(resumed.complete()).as("%s", resumed).isTrue();
    assertThat(store.resolveTag(incoming, Tag.of("v1"))).contains(big.digest());
    assertThat(store.space().full()).isFalse();
    assertThat(data.resolve("index.reserve")).as("the reserved file is put back").exists();
    assertServes(image);
  }

  /**
   * Found by the full-disk test of the CLI: once the index's reserved file was released to open on a
   * full disk, a few KiB freed elsewhere put free space just above the reserve and {@code status}
   * said the disk was not full; content could then take the room the reserved file needs to come back.
   */
  @Test
  void aReleasedIndexReserveKeepsTheDiskShortUntilItCanBePutBack() throws Exception {
    Image image = images.ociImage(1 << 20);
    Image small = images.ociImage(256 << 10);
    parent.push(present.value(), "v1", image).push(incoming.value(), "v1", small);
    reopen();
    assertThat(sync(present, SyncListener.NONE).complete()).isTrue();
    store.close();
    store = null;
    Path filler = disk.directory().resolve("filler");
    disk.fill(filler);
    reopen();
    assertThat(data.resolve("index.reserve")).doesNotExist();

    // More than the reserve free now, but less than the reserve and the released file together.
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - (2 << 20));
    }
    assertThat(disk.free()).isGreaterThan(RESERVE).isLessThan(2 * RESERVE);

    assertThat(store.space().full()).isTrue();
    assertThat(store.space().fullReason()).hasValueSatisfying(r -> assertThat(r).contains("index.reserve"));
    assertThat(sync(incoming, SyncListener.NONE).selectionFailure())
        .hasValueSatisfying(r -> assertThat(r).contains("disk full"));
    assertThat(store.resolveTag(incoming, Tag.of("v1"))).isEmpty();

    Files.delete(filler);
    assertThat(store.space().full()).isFalse();
    assertThat(data.resolve("index.reserve")).exists();
    assertThat(sync(incoming, SyncListener.NONE).complete()).isTrue();
    assertServes(image);
  }

  @Test
  void aWriteFailingForLackOfSpaceStopsTheIngestNothingHalfWrittenIsVisibleAndTheNextPassResumes() throws Exception {
    Image big = images.ociImage(30 << 20);
    Digest layer = Digest.sha256(big.layers().get(0));
    parent.push(incoming.value(), "v1", big);
    reopen();
    Path filler = disk.directory().resolve("filler");
    AtomicBoolean filled = new AtomicBoolean();
    SyncListener fillMidway = new SyncListener() {
      @Override
      public void bytesProgressed(Digest digest, long bytes) {
        try {
          if (filled.compareAndSet(false, true)) {
            disk.fill(filler);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };

    SyncReport stopped = sync(incoming, fillMidway);

    assertThat(stopped.complete()).isFalse();
    assertThat(stopped.failed()).singleElement().satisfies(r ->
        assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase("disk")));
    assertThat(store.resolveTag(incoming, Tag.of("v1"))).isEmpty();
    assertThat(store.stat(layer)).isEmpty();
    assertThat(store.blobPath(layer)).doesNotExist();
    assertThat(store.space().full()).isTrue();
    assertThat(sync(incoming, SyncListener.NONE).selectionFailure()).hasValueSatisfying(r -> assertThat(r).contains("disk full"));

    Files.delete(filler);
    parent.clearRequests();
    SyncReport resumed = sync(incoming, SyncListener.NONE);

    assertThat(resumed.complete()).as("%s", resumed).isTrue();
    assertThat(store.resolveTag(incoming, Tag.of("v1"))).contains(big.digest());
    assertThat(Digest.sha256(Files.readAllBytes(store.blobPath(layer)))).isEqualTo(layer);
  }
}
