package dev.outpost.store.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageImporterTest {
  private static final RepositoryName REPO = RepositoryName.of("team/app");

  @TempDir
  Path dir;
  LocalStore store;
  ImageImporter importer;

  @BeforeEach
  void open() {
    store = RocksLocalStore.open(dir);
    importer = new ImageImporter(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anIndexIsVisibleWithItsImagesUnderEveryTag() {
    Image amd64 = ImageBuilder.oci().platform(Platform.parse("linux/amd64")).randomLayer(1, 1000).build();
    Image arm64 = ImageBuilder.oci().platform(Platform.parse("linux/arm64")).randomLayer(2, 1000).build();
    Index index = IndexBuilder.oci().add(amd64, Platform.parse("linux/amd64")).add(arm64, Platform.parse("linux/arm64")).build();

    Digest digest = importer.importIndex(REPO, index, Tag.of("1.0"), Tag.of("latest"));

    assertThat(digest).isEqualTo(index.digest());
    assertThat(store.tags(REPO)).containsExactly(Tag.of("1.0"), Tag.of("latest"));
    assertThat(store.resolveTag(REPO, Tag.of("latest"))).contains(index.digest());
    for (Image image : index.images()) {
      assertThat(store.manifest(REPO, image.digest())).isPresent();
      image.blobs().keySet().forEach(blob -> assertThat(store.referencesBlob(REPO, blob)).isTrue());
    }
  }

  @Test
  void aBlobAlreadyStoredIsReturnedAsStored() {
    byte[] content = RandomContent.bytes(3, 5000);
    BlobInfo first = importer.blob(content);

    assertThat(importer.blob(content)).isEqualTo(first).isEqualTo(new BlobInfo(Digest.sha256(content), 5000));
  }

  @Test
  void anInterruptedIngestOfTheSameBytesIsCompleted() throws Exception {
    byte[] content = RandomContent.bytes(4, 5000);
    Digest digest = Digest.sha256(content);
    try (BlobIngest partial = store.openIngest(digest, content.length, "test")) {
      partial.write(content, 0, 2000);
      partial.checkpoint();
    }

    BlobInfo info = importer.blob(content);

    assertThat(info).isEqualTo(new BlobInfo(digest, content.length));
    assertThat(store.stat(digest)).contains(info);
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
  }

  @Test
  void aStreamedBlobIsCheckpointedByChunkAndAnInterruptedImportResumesAtTheLastCheckpoint() throws Exception {
    int size = 2 * ImageImporter.CHUNK + 12345;
    byte[] content = RandomContent.bytes(9, size);
    Digest digest = Digest.sha256(content);
    java.util.List<Long> opened = new java.util.ArrayList<>();
    int failAt = ImageImporter.CHUNK + 5000;

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> importer.blob(digest, size, from -> {
      opened.add(from);
      return new java.io.InputStream() {
        private long position = from;

        @Override
        public int read() {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
          if (position >= failAt) {
            throw new java.io.IOException("disk unplugged (injected)");
          }
          int n = (int) Math.min(len, failAt - position);
          System.arraycopy(content, (int) position, b, off, n);
          position += n;
          return n;
        }
      };
    })).hasMessageContaining("injected");
    assertThat(store.stat(digest)).isEmpty();

    BlobInfo info = importer.blob(digest, size, from -> {
      opened.add(from);
      return new java.io.ByteArrayInputStream(content, (int) from, size - (int) from);
    });

    assertThat(opened).containsExactly(0L, (long) ImageImporter.CHUNK);
    assertThat(info).isEqualTo(new BlobInfo(digest, size));
    assertThat(Files.readAllBytes(store.blobPath(digest))).isEqualTo(content);
  }
}
