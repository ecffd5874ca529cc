package dev.outpost.agent.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.status.ImportsStatus;
import dev.outpost.fixtures.MutableClock;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.bundle.ImportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The watch folder as a site sees it: parts copied in (slowly, in any order), imported once, the folder untouched. */
class ImportWatcherTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);

  @TempDir
  Path usb;
  @TempDir
  Path storage;

  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
  final FakeImporter importer = new FakeImporter();
  volatile boolean stopping;

  @Test
  void aDirectoryPartIsImportedOnceAfterItHeldStillAcrossTwoPollsAndNotAgainAfterARestart() throws IOException {
    Path part = TestParts.directory(usb.resolve("bundle"), "b1", 1, 1);
    ImportWatcher watcher = watcher();

    watcher.pollOnce();
    assertThat(importer.calls).as("seen once: it may still be being copied").isEmpty();
    watcher.pollOnce();
    watcher.pollOnce();
    assertThat(importer.calls).containsExactly(List.of(part));

    ImportWatcher restarted = watcher();
    restarted.pollOnce();
    restarted.pollOnce();
    assertThat(importer.calls).hasSize(1);
    assertThat(restarted.status().partsImported()).isEqualTo(1);
  }

  @Test
  void aTarStillBeingCopiedIsNotImportedUntilItIsCompleteAndHeldStill() throws IOException {
    byte[] tar = TestParts.tar("b1", 1, 1);
    Path part = usb.resolve("site.tar");
    TestParts.write(part, tar, tar.length - 1536); // cut inside the last entry, the bundle manifest
    ImportWatcher watcher = watcher();

    watcher.pollOnce();
    watcher.pollOnce();
    watcher.pollOnce();
    assertThat(importer.calls).as("same size across polls, but no complete bundle manifest").isEmpty();

    TestParts.write(part, tar, tar.length);
    watcher.pollOnce();
    assertThat(importer.calls).as("it changed since the last poll").isEmpty();
    watcher.pollOnce();
    assertThat(importer.calls).containsExactly(List.of(part));
  }

  @Test
  void aPartWhoseTagsWaitedIsGivenAgainWithTheNextPartOfItsBundle() throws IOException {
    Path third = TestParts.directory(usb.resolve("part-3-of-3"), "b1", 3, 3);
    ImportWatcher watcher = watcher();
    importer.waiting = List.of(Tag.of("1.0"));
    watcher.pollOnce();
    watcher.pollOnce();
    assertThat(importer.calls).containsExactly(List.of(third));
    assertThat(watcher.status().partsWaiting()).isEqualTo(1);

    Path other = TestParts.directory(usb.resolve("other"), "b2", 1, 1);
    Path first = TestParts.directory(usb.resolve("part-1-of-3"), "b1", 1, 3);
    importer.waiting = List.of();
    watcher.pollOnce();
    watcher.pollOnce();

    assertThat(importer.calls).containsExactly(List.of(third), List.of(other), List.of(first, third));
    assertThat(watcher.status().partsWaiting()).isZero();
    assertThat(watcher.status().partsImported()).isEqualTo(3);
  }

  @Test
  void nothingInTheWatchFolderIsWrittenMovedOrDeleted() throws IOException {
    TestParts.directory(usb.resolve("a"), "b1", 1, 2);
    Files.write(usb.resolve("b.tar"), TestParts.tar("b1", 2, 2));
    Files.writeString(usb.resolve("notes.txt"), "not a part");
    Map<Path, String> before = snapshot(usb);
    ImportWatcher watcher = watcher();

    watcher.pollOnce();
    watcher.pollOnce();

    assertThat(importer.calls).hasSize(1);
    assertThat(snapshot(usb)).isEqualTo(before);
  }

  @Test
  void aFailedImportIsReportedAndTriedAgainAfterABackoff() throws IOException {
    TestParts.directory(usb.resolve("bundle"), "b1", 1, 1);
    importer.failure = new IOException("the disk is full");
    ImportWatcher watcher = watcher();
    watcher.pollOnce();
    watcher.pollOnce();
    watcher.pollOnce();

    assertThat(importer.calls).hasSize(1);
    ImportsStatus status = watcher.status();
    assertThat(status.lastError()).contains("the disk is full");
    assertThat(status.lastErrorAt()).isEqualTo(clock.instant());
    assertThat(status.partsImported()).isZero();

    importer.failure = null;
    clock.advance(Duration.ofMinutes(1));
    watcher.pollOnce();
    assertThat(importer.calls).hasSize(2);
    assertThat(watcher.status().partsImported()).isEqualTo(1);
  }

  @Test
  void aPartWithAnUnreadableBundleManifestIsReportedNotImported() throws IOException {
    Files.createDirectories(usb.resolve("broken"));
    Files.writeString(usb.resolve("broken/outpost-bundle.json"), "{\"format\": \"something else\"}");
    ImportWatcher watcher = watcher();

    watcher.pollOnce();
    watcher.pollOnce();
    watcher.pollOnce();

    assertThat(importer.calls).isEmpty();
    assertThat(watcher.status().lastError()).contains("broken", "is not a bundle part");
  }

  @Test
  void aCompletedPartFoundAtAnotherPathIsNotImportedAgain() throws IOException {
    TestParts.directory(usb.resolve("mnt1"), "b1", 1, 1);
    ImportWatcher watcher = watcher();
    watcher.pollOnce();
    watcher.pollOnce();
    Files.move(usb.resolve("mnt1"), usb.resolve("mnt2"));

    watcher.pollOnce();
    watcher.pollOnce();

    assertThat(importer.calls).hasSize(1);
  }

  @Test
  void aPartWhoseContentWasRefusedIsImportedAgainWhenItIsCopiedAgain() throws IOException {
    Path part = TestParts.directory(usb.resolve("bundle"), "b1", 1, 1);
    importer.rejected = List.of("sha256:ab… is corrupt; needed by team/app:1.0");
    ImportWatcher watcher = watcher();
    watcher.pollOnce();
    watcher.pollOnce();
    assertThat(watcher.status().lastError()).contains("refused", "is corrupt");

    importer.rejected = List.of();
    Files.writeString(part.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}\n"); // copied again
    watcher.pollOnce();
    watcher.pollOnce();

    assertThat(importer.calls).containsExactly(List.of(part), List.of(part));
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a status() waiting for the import would hang
  void statusAnswersWhileAnImportRuns() throws Exception {
    TestParts.directory(usb.resolve("bundle"), "b1", 1, 1);
    java.util.concurrent.CountDownLatch importing = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    BundleImporter slow = parts -> {
      importing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return importer.importParts(parts);
    };
    ImportWatcher watcher = new ImportWatcher(usb, INTERVAL, storage, slow, clock, () -> false);
    watcher.pollOnce();
    Thread poll = Thread.ofVirtual().start(watcher::pollOnce);
    importing.await();

    ImportsStatus during = watcher.status();
    release.countDown();
    poll.join();

    assertThat(during.partsImported()).isZero();
    assertThat(watcher.status().partsImported()).isEqualTo(1);
  }

  @Test
  void anImportTheClosingDaemonStoppedIsNotRememberedSoTheNextStartImportsThePartAgain() throws IOException {
    TestParts.directory(usb.resolve("bundle"), "b1", 1, 1);
    ImportWatcher watcher = watcher();
    watcher.pollOnce();
    stopping = true;
    watcher.pollOnce();
    assertThat(importer.calls).hasSize(1);

    stopping = false;
    ImportWatcher restarted = watcher();
    restarted.pollOnce();
    restarted.pollOnce();

    assertThat(importer.calls).hasSize(2);
  }

  @Test
  void aFolderThatIsNotThereIsShownAsMissing() {
    ImportWatcher watcher = new ImportWatcher(usb.resolve("not-mounted"), INTERVAL, storage, importer, clock, () -> false);

    watcher.pollOnce();

    assertThat(watcher.status().state()).isEqualTo("folder missing");
    assertThat(watcher.status().lastPoll()).isEqualTo(clock.instant());
  }

  private ImportWatcher watcher() {
    return new ImportWatcher(usb, INTERVAL, storage, importer, clock, () -> stopping);
  }

  /** Every file and folder under {@code root} with its size and modification time. */
  private static Map<Path, String> snapshot(Path root) throws IOException {
    Map<Path, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        files.put(p, Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
      }
    }
    return files;
  }

  /** Records what it was asked to import, and answers as the import would. */
  static final class FakeImporter implements BundleImporter {
    final List<List<Path>> calls = new ArrayList<>();
    List<Tag> waiting = List.of();
    List<String> rejected = List.of();
    IOException failure;

    @Override
    public ImportReport importParts(List<Path> parts) throws IOException {
      calls.add(List.copyOf(parts));
      if (failure != null) {
        throw failure;
      }
      return new ImportReport("b", 1, new TreeSet<>(List.of(1)), List.of(new ImportReport.RepositoryImport(
          RepositoryName.of("team/app"), waiting.isEmpty() ? 1 : 0, waiting, Optional.empty())), rejected, 0);
    }
  }
}
