package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.model.DigestMismatchException;
import dev.outpost.store.LocalStore;
import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contract tests of blob ingest (write, verify, publish, resume) against a real store in a temporary directory. */
class BlobIngestContractTest {
  @TempDir
  Path data;

  private LocalStore store;

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(data);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void committedBlobIsVisibleWithItsContent() throws Exception {
    byte[] content = randomBytes(1, 3 * WriteBehindFile.BUFFER_BYTES + 17);
    Digest digest = Digest.sha256(content);
    assertThat(store.stat(digest)).isEmpty();

    BlobInfo info = ingest(store, content);

    assertThat(info).isEqualTo(new BlobInfo(digest, content.length));
    assertThat(store.stat(digest)).contains(info);
    Path path = store.blobPath(digest);
    assertThat(path).isEqualTo(data.toAbsolutePath().resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex()));
    assertThat(Files.readAllBytes(path)).isEqualTo(content);
    // Checked by mode bits, not Files.isWritable: tests may run as root, who may write anyway.
    assertThat(Files.getPosixFilePermissions(path)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    assertThat(Files.list(data.resolve("ingest"))).isEmpty();
  }

  /**
   * A direct buffer's native memory returns only when the collector finds it, which with a large
   * heap may be never during a sync: ingests reuse the store's buffers instead of allocating two
   * each, so a hundred blobs add at most a few MiB of direct memory, not 200 MiB.
   */
  @Test
  void directMemoryDoesNotGrowWithTheNumberOfBlobsIngested() throws Exception {
    long before = directBytes();
    for (int i = 0; i < 100; i++) {
      ingest(store, randomBytes(100 + i, WriteBehindFile.BUFFER_BYTES + 1));
    }
    assertThat(directBytes() - before).isLessThanOrEqualTo(8L * WriteBehindFile.BUFFER_BYTES);
  }

  private static long directBytes() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getTotalCapacity).sum();
  }

  @Test
  void aFailedPublishLeavesThePartialFileWritableAndTheIngestResumable() throws Exception {
    byte[] content = randomBytes(13, WriteBehindFile.BUFFER_BYTES + 99);
    Digest digest = Digest.sha256(content);
    Path part = data.resolve("ingest/sha256-" + digest.hex() + ".part");
    // A directory where the blob goes makes the rename fail, even for root (EISDIR).
    Path obstacle = store.blobPath(digest);
    Files.createDirectories(obstacle);
    try (BlobIngest ingest = store.openIngest(digest, content.length, "test")) {
      ingest.write(content, 0, content.length);
      ingest.checkpoint();
      assertThatThrownBy(ingest::commit).isInstanceOf(StoreException.class).hasMessageContaining("publish blob");
    }

    assertThat(store.stat(digest)).isEmpty();
    // Checked by mode bits: a resumed ingest opens the partial file for writing.
    assertThat(Files.getPosixFilePermissions(part)).contains(PosixFilePermission.OWNER_WRITE);
    Files.delete(obstacle);
    try (BlobIngest resumed = store.openIngest(digest, content.length, "test")) {
      assertThat(resumed.offset()).isEqualTo(content.length);
      assertThat(resumed.commit()).isEqualTo(new BlobInfo(digest, content.length));
    }
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
    assertThat(Files.getPosixFilePermissions(store.blobPath(digest))).doesNotContain(PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void manySmallWritesProduceTheSameBlob() throws Exception {
    byte[] content = randomBytes(2, 100_000);
    Digest digest = Digest.sha256(content);
    try (BlobIngest ingest = store.openIngest(digest, content.length, "test")) {
      for (int i = 0; i < content.length; i += 7) {
        ingest.write(content, i, Math.min(7, content.length - i));
      }
      ingest.commit();
    }
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
  }

  @Test
  void wrongContentIsRefusedAndLeavesNothingBehind() throws Exception {
    byte[] content = randomBytes(3, 4096);
    Digest claimed = Digest.sha256(randomBytes(4, 4096));
    BlobIngest ingest = store.openIngest(claimed, content.length, "test");
    ingest.write(content, 0, content.length);
    ingest.checkpoint();

    assertThatThrownBy(ingest::commit).isInstanceOf(DigestMismatchException.class).hasMessageContaining(claimed.toString());

    assertThat(store.stat(claimed)).isEmpty();
    assertThat(Files.exists(store.blobPath(claimed))).isFalse();
    assertThat(Files.list(data.resolve("ingest"))).isEmpty();
    try (BlobIngest again = store.openIngest(claimed, content.length, "test")) {
      assertThat(again.offset()).isZero();
    }
  }

  @Test
  void shortContentIsRefused() {
    byte[] content = randomBytes(5, 1000);
    BlobIngest ingest = store.openIngest(Digest.sha256(content), content.length, "test");
    ingest.write(content, 0, 999);
    assertThatThrownBy(ingest::commit).isInstanceOf(DigestMismatchException.class).hasMessageContaining("999");
    assertThat(store.stat(Digest.sha256(content))).isEmpty();
  }

  @Test
  void writingPastTheExpectedSizeFailsFast() {
    byte[] content = randomBytes(6, 1000);
    BlobIngest ingest = store.openIngest(Digest.sha256(content), 999, "test");
    assertThatThrownBy(() -> ingest.write(content, 0, content.length)).isInstanceOf(DigestMismatchException.class);
    assertThat(store.stat(Digest.sha256(content))).isEmpty();
  }

  @Test
  void resumesFromTheCheckpointAfterTheStoreIsReopened() throws Exception {
    byte[] content = randomBytes(7, 2 * WriteBehindFile.BUFFER_BYTES + 333);
    Digest digest = Digest.sha256(content);
    int half = content.length / 2;
    try (BlobIngest ingest = store.openIngest(digest, content.length, "test")) {
      ingest.write(content, 0, half);
      ingest.checkpoint();
      ingest.write(content, half, 1000);
    }
    store.close();
    store = RocksLocalStore.open(data);

    try (BlobIngest resumed = store.openIngest(digest, content.length, "test")) {
      assertThat(resumed.offset()).isEqualTo(half);
      resumed.write(content, half, content.length - half);
      assertThat(resumed.commit()).isEqualTo(new BlobInfo(digest, content.length));
    }
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
  }

  @Test
  void bytesAfterTheLastCheckpointAreDroppedOnResume() throws Exception {
    byte[] content = randomBytes(8, 10_000);
    Digest digest = Digest.sha256(content);
    try (BlobIngest ingest = store.openIngest(digest, content.length, "test")) {
      ingest.write(content, 0, 4000);
      ingest.checkpoint();
      ingest.write(content, 4000, 3000);
      ingest.checkpoint();
      // Garbage that a resume must not keep: it was never checkpointed.
      byte[] garbage = randomBytes(9, 2000);
      ingest.write(garbage, 0, garbage.length);
    }
    try (BlobIngest resumed = store.openIngest(digest, content.length, "test")) {
      assertThat(resumed.offset()).isEqualTo(7000);
      assertThat(Files.size(data.resolve("ingest/sha256-" + digest.hex() + ".part"))).isEqualTo(7000);
      resumed.write(content, 7000, content.length - 7000);
      resumed.commit();
    }
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
  }

  @Test
  void onlyOneIngestPerDigestIsOpen() {
    byte[] content = randomBytes(10, 100);
    Digest digest = Digest.sha256(content);
    try (BlobIngest first = store.openIngest(digest, content.length, "test")) {
      assertThatThrownBy(() -> store.openIngest(digest, content.length, "test"))
          .isInstanceOf(StoreException.class).hasMessageContaining("another ingest");
    }
    store.openIngest(digest, content.length, "test").close();
  }

  @Test
  void racingOpensOfOneDigestLetExactlyOneThrough() throws Exception {
    byte[] content = randomBytes(12, 100);
    Digest digest = Digest.sha256(content);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<BlobIngest>> attempts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        attempts.add(pool.submit(() -> {
          start.await();
          return store.openIngest(digest, content.length, "race");
        }));
      }
      start.countDown();
      List<BlobIngest> opened = new ArrayList<>();
      int refused = 0;
      for (Future<BlobIngest> attempt : attempts) {
        try {
          opened.add(attempt.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(StoreException.class);
          refused++;
        }
      }
      assertThat(opened).hasSize(1);
      assertThat(refused).isEqualTo(threads - 1);
      opened.get(0).close();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentIngestsOfDifferentBlobsAllCommit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<BlobInfo>> ingests = new ArrayList<>();
      List<byte[]> contents = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        byte[] content = randomBytes(100 + i, WriteBehindFile.BUFFER_BYTES + 1000 * i);
        contents.add(content);
        ingests.add(pool.submit(() -> ingest(store, content)));
      }
      for (int i = 0; i < contents.size(); i++) {
        BlobInfo info = ingests.get(i).get(60, TimeUnit.SECONDS);
        assertThat(Files.readAllBytes(store.blobPath(info.digest()))).isEqualTo(contents.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ingestOfACommittedBlobStartsCompleteAndCommitsToTheSameBlob() {
    byte[] content = randomBytes(11, 100);
    BlobInfo info = ingest(store, content);
    try (BlobIngest again = store.openIngest(info.digest(), info.size(), "test")) {
      assertThat(again.offset()).isEqualTo(info.size());
      assertThat(again.commit()).isEqualTo(info);
    }
    assertThatThrownBy(() -> store.openIngest(info.digest(), info.size() + 1, "test"))
        .isInstanceOf(DigestMismatchException.class);
  }
}
