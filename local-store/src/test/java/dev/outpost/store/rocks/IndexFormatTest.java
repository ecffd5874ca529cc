package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.imageManifest;
import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written in index format 1 opens, upgraded, with its blob access per manifest. */
class IndexFormatTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");

  @TempDir
  Path data;

  @Test
  void formatOneRepositoryBlobEntriesAreRewrittenPerManifest() {
    BlobInfo layer;
    BlobInfo config;
    ManifestContent manifest;
    try (LocalStore store = RocksLocalStore.open(data)) {
      layer = ingest(store, randomBytes(1, 500));
      config = ingest(store, randomBytes(2, 50));
      manifest = imageManifest(config, List.of(layer));
      store.commitManifest(REPO, manifest, Set.of());
    }
    // Turn the index back into format 1: no version key, repo_blobs keyed (repository, blob).
    try (RocksIndex index = RocksIndex.open(data.resolve("index"))) {
      index.delete(Family.DEFAULT, "format".getBytes(StandardCharsets.UTF_8), "test");
      for (BlobInfo blob : List.of(layer, config)) {
        index.delete(Family.REPO_BLOBS, KeyCodec.repositoryBlob(REPO, blob.digest(), manifest.digest()), "test");
        index.put(Family.REPO_BLOBS, KeyCodec.repositoryBlob(REPO, blob.digest()), new byte[0], "test");
      }
    }

    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.referencesBlob(REPO, layer.digest())).isTrue();
      store.deleteManifest(REPO, manifest.digest());
      assertThat(store.referencesBlob(REPO, layer.digest())).as("no format 1 entry left behind").isFalse();
      assertThat(store.referencesBlob(REPO, config.digest())).isFalse();
    }
  }
}
