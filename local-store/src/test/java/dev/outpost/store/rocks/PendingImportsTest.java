package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Digest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of content pending bundle imports: per bundle, durable, and absent from stores made before it. */
class PendingImportsTest {
  @TempDir
  Path data;

  @Test
  void eachBundleKeepsItsOwnDigestsAcrossReopens() {
    Digest a;
    Digest b;
    try (LocalStore store = RocksLocalStore.open(data)) {
      a = ingest(store, randomBytes(1, 100)).digest();
      b = ingest(store, randomBytes(2, 100)).digest();
      store.keepPending("11111111-aaaa", List.of(a));
      store.keepPending("11111111-aaaa", List.of(b));
      store.keepPending("11111111-aaa", List.of(b));
    }
    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.pendingOf("11111111-aaaa")).containsExactlyInAnyOrder(a, b);
      assertThat(store.pendingOf("11111111-aaa")).as("a bundle id that is a prefix of another").containsExactly(b);
      store.forgetPending("11111111-aaaa");
      List<String> all = new ArrayList<>();
      store.forEachPending((bundle, digest) -> all.add(bundle + " " + digest));
      assertThat(all).containsExactly("11111111-aaa " + b);
    }
  }

  @Test
  void aStoreWrittenBeforeTheRecordExistedOpensWithNothingPending() throws Exception {
    BlobInfo blob;
    try (LocalStore store = RocksLocalStore.open(data)) {
      blob = ingest(store, randomBytes(3, 100));
    }
    OlderIndex.dropFamily(data, "pending_imports");

    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.stat(blob.digest())).isPresent();
      assertThat(store.pendingOf("any")).isEmpty();
      store.keepPending("any", List.of(blob.digest()));
      assertThat(store.pendingOf("any")).containsExactly(blob.digest());
    }
  }
}
