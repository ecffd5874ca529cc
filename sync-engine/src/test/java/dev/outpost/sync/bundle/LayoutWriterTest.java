package dev.outpost.sync.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.image.RandomContent;
import dev.outpost.store.model.Digest;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.source.BlobStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayoutWriterTest {
  private static final BlobCopy ONCE = new BlobCopy(new RetryPolicy(RetrySettings.once(), Clock.systemUTC()), () -> false);
  private final byte[] first = RandomContent.bytes(1, 3 * 1024 * 1024 + 17);
  private final byte[] second = RandomContent.bytes(2, 2 * 1024 * 1024 + 5);

  @TempDir
  Path dir;

  private LayoutWriter open(boolean tar) throws IOException {
    return tar ? TarLayout.open(dir.resolve("out.tar"), dir.resolve("state/part-1.journal"), Instant.EPOCH, ONCE)
        : DirectoryLayout.open(dir.resolve("out"), ONCE);
  }

  private Path layoutPath(boolean tar) {
    return tar ? dir.resolve("out.tar") : dir.resolve("out");
  }

  @ParameterizedTest(name = "tar={0}")
  @ValueSource(booleans = {false, true})
  void writesVerifiedBlobsAndFilesThatReadBackByteForByte(boolean tar) throws IOException {
    try (LayoutWriter layout = open(tar)) {
      layout.writeFile(LayoutWriter.OCI_LAYOUT, LayoutIndex.ociLayout());
      assertThat(layout.writeBlob(Digest.sha256(first), first.length, BlobOpener.of(first))).isEqualTo(first.length);
      assertThat(layout.writeBlob(Digest.sha256(first), first.length, BlobOpener.of(first))).isZero();
      layout.finish();
    }

    Map<String, byte[]> files = LayoutFiles.read(layoutPath(tar));
    assertThat(files).containsOnlyKeys("oci-layout", "blobs/sha256/" + Digest.sha256(first).hex());
    assertThat(files.get("blobs/sha256/" + Digest.sha256(first).hex())).isEqualTo(first);
  }

  @ParameterizedTest(name = "tar={0}")
  @ValueSource(booleans = {false, true})
  void aBlobThatDoesNotMatchItsDigestIsRefusedAndNothingOfItKept(boolean tar) throws IOException {
    try (LayoutWriter layout = open(tar)) {
      layout.writeBlob(Digest.sha256(first), first.length, BlobOpener.of(first));
      Digest claimed = Digest.sha256(second);
      byte[] tampered = second.clone();
      tampered[1000] ^= 1;

      assertThatThrownBy(() -> layout.writeBlob(claimed, tampered.length, BlobOpener.of(tampered)))
          .isInstanceOf(BundleWriteException.class).hasMessageContaining(claimed.toString());
      assertThat(layout.holds(claimed)).isFalse();
      layout.writeBlob(claimed, second.length, BlobOpener.of(second)); // the layout goes on after a refusal
      layout.finish();
    }

    Map<String, byte[]> files = LayoutFiles.read(layoutPath(tar));
    assertThat(files).containsOnlyKeys("blobs/sha256/" + Digest.sha256(first).hex(), "blobs/sha256/" + Digest.sha256(second).hex());
    assertThat(files.get("blobs/sha256/" + Digest.sha256(second).hex())).isEqualTo(second);
  }

  @ParameterizedTest(name = "tar={0}")
  @ValueSource(booleans = {false, true})
  void anInterruptedLayoutKeepsItsCompleteBlobsAndFinishesTheRest(boolean tar) throws IOException {
    try (LayoutWriter layout = open(tar)) {
      layout.writeBlob(Digest.sha256(first), first.length, BlobOpener.of(first));
      assertThatThrownBy(() -> layout.writeBlob(Digest.sha256(second), second.length, failingAfter(second, 1024 * 1024)))
          .isInstanceOf(IOException.class);
      // no finish: the process "dies" here
    }
    List<Long> asked = new ArrayList<>();
    try (LayoutWriter layout = open(tar)) {
      assertThat(layout.holds(Digest.sha256(first))).isTrue();
      assertThat(layout.holds(Digest.sha256(second))).isFalse();
      long now = layout.writeBlob(Digest.sha256(second), second.length, (from, length) -> {
        asked.add(from);
        return BlobOpener.of(second).open(from, length);
      });
      // A directory resumes the partial blob; a tar drops the partial entry and writes it whole.
      assertThat(now).isEqualTo(tar ? second.length : second.length - 1024 * 1024);
      assertThat(asked).containsExactly(tar ? 0L : 1024L * 1024);
      layout.finish();
    }

    Map<String, byte[]> files = LayoutFiles.read(layoutPath(tar));
    assertThat(files.get("blobs/sha256/" + Digest.sha256(first).hex())).isEqualTo(first);
    assertThat(files.get("blobs/sha256/" + Digest.sha256(second).hex())).isEqualTo(second);
  }

  @Test
  void aResumedTarIsCutAfterTheLastJournalledEntry() throws IOException {
    long endOfFirst;
    try (LayoutWriter layout = open(true)) {
      layout.writeBlob(Digest.sha256(first), first.length, BlobOpener.of(first));
      endOfFirst = Files.size(layoutPath(true));
    }
    // Bytes after the last complete entry (a torn write), as a killed process leaves them.
    Files.write(layoutPath(true), new byte[700], java.nio.file.StandardOpenOption.APPEND);

    try (LayoutWriter layout = open(true)) {
      assertThat(Files.size(layoutPath(true))).isEqualTo(endOfFirst);
      layout.finish();
    }
    assertThat(Files.size(layoutPath(true))).isEqualTo(endOfFirst + 1024); // the end-of-archive records
    assertThat(LayoutFiles.read(layoutPath(true))).containsOnlyKeys("blobs/sha256/" + Digest.sha256(first).hex());
  }

  /** Gives {@code cut} bytes of {@code content}, then fails as a dropped connection does. */
  private static BlobOpener failingAfter(byte[] content, int cut) {
    return (from, length) -> new BlobStream() {
      private long position = from;

      @Override
      public int read(byte[] buffer, int offset, int max) throws IOException {
        if (position >= cut) {
          throw new IOException("connection reset (injected)");
        }
        int n = (int) Math.min(max, cut - position);
        System.arraycopy(content, (int) position, buffer, offset, n);
        position += n;
        return n;
      }

      @Override
      public void close() {
      }
    };
  }
}
