package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.imageManifest;
import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.EvictedTag;
import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code evicted} family: the tag goes and the record comes in one write, and both survive a reopen. */
class EvictedTagsTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");
  private static final Tag V1 = Tag.of("v1");

  @TempDir
  Path data;

  @Test
  void evictingRemovesTheTagAndRecordsItDurably() {
    EvictedTag eviction;
    try (LocalStore store = RocksLocalStore.open(data)) {
      ManifestContent manifest = imageManifest(ingest(store, randomBytes(1, 100)), List.of(ingest(store, randomBytes(2, 900))));
      store.commitManifest(REPO, manifest, Set.of());
      store.commitTag(REPO, V1, manifest.digest());
      eviction = new EvictedTag(REPO, V1, manifest.digest(), Instant.parse("2026-03-01T00:00:00Z"), 1000, "over quota");

      assertThat(store.evictTag(eviction)).isTrue();
      assertThat(store.evictTag(eviction)).as("the tag is gone: nothing to evict").isFalse();
    }
    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.resolveTag(REPO, V1)).isEmpty();
      assertThat(store.evicted(REPO, V1)).contains(eviction);
      assertThat(store.evictedTags()).containsExactly(eviction);
      assertThat(store.evictedTags(REPO)).containsExactly(eviction);
      assertThat(store.evictedTags(RepositoryName.of("library"))).isEmpty();

      store.clearEvicted(REPO, V1);
      assertThat(store.evicted(REPO, V1)).isEmpty();
    }
  }
}
