package dev.outpost.agent.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImagesTest {
  @TempDir
  Path dir;

  @Test
  void seedReturnsExactlyTheTagsItWrote() {
    try (LocalStore store = RocksLocalStore.open(dir)) {
      List<String> seeded = SampleImages.seed(store, 1);

      List<String> inStore = store.repositories().stream()
          .flatMap(repository -> store.tags(repository).stream().map(tag -> repository + ":" + tag))
          .toList();
      assertThat(seeded).containsExactlyInAnyOrderElementsOf(inStore)
          .contains("samples/hello:latest", "samples/multiarch:1.0");
    }
  }
}
