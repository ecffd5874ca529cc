package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.LocalStore;
import dev.outpost.store.model.RepositoryName;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing watermarks: per parent and repository, durable across reopens, absent from stores made before them. */
class ListingWatermarksTest {
  private static final String ACR = "parent https://edge.azurecr.io/";
  private static final String OTHER = "parent https://other.azurecr.io/";
  private static final RepositoryName APP = RepositoryName.of("apps/web");
  private static final RepositoryName APP_PREFIX = RepositoryName.of("apps/we");
  private static final Instant MARK = Instant.parse("2025-01-01T00:03:00.1234567Z");

  @TempDir
  Path data;

  @Test
  void aMarkOutlivesTheProcessPerParentAndRepository() {
    try (LocalStore store = RocksLocalStore.open(data)) {
      store.putWatermark(ACR, APP, MARK.minusSeconds(60));
      store.putWatermark(ACR, APP, MARK);
      store.putWatermark(OTHER, APP_PREFIX, MARK.plusSeconds(1));
    }
    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.watermark(ACR, APP)).as("nanoseconds kept").contains(MARK);
      assertThat(store.watermark(OTHER, APP)).as("another parent's clock").isEmpty();
      assertThat(store.watermark(ACR, APP_PREFIX)).isEmpty();
      store.forgetWatermark(ACR, APP);
      store.forgetWatermark(ACR, APP);
    }
    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.watermark(ACR, APP)).isEmpty();
      assertThat(store.watermark(OTHER, APP_PREFIX)).contains(MARK.plusSeconds(1));
    }
  }

  @Test
  void aStoreWrittenBeforeTheFamilyExistedOpensWithNoMarks() throws Exception {
    try (LocalStore store = RocksLocalStore.open(data)) {
      store.putWatermark(ACR, APP, MARK);
    }
    OlderIndex.dropFamily(data, "watermarks");

    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.watermark(ACR, APP)).isEmpty();
      store.putWatermark(ACR, APP, MARK);
      assertThat(store.watermark(ACR, APP)).contains(MARK);
    }
  }
}
