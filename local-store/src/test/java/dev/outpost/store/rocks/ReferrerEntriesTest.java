package dev.outpost.store.rocks;

import static dev.outpost.store.rocks.TestContent.descriptor;
import static dev.outpost.store.rocks.TestContent.imageManifest;
import static dev.outpost.store.rocks.TestContent.ingest;
import static dev.outpost.store.rocks.TestContent.randomBytes;
import static dev.outpost.store.rocks.TestContent.referrer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code referrers} entry carries the descriptor the referrers API lists (format 3), and a store
 * of format 2 (keys only) gets those values once at open.
 */
class ReferrerEntriesTest {
  private static final RepositoryName REPO = RepositoryName.of("library/hello");

  @TempDir
  Path data;

  @Test
  void entriesCarryMediaTypeSizeArtifactTypeAndAnnotations() {
    try (LocalStore store = RocksLocalStore.open(data)) {
      Content c = commit(store);
      assertThat(store.referrerDescriptors(REPO, c.subject.digest())).containsExactlyInAnyOrderElementsOf(c.expected());
      assertThat(store.referrerDescriptors(REPO, c.signature.digest())).isEmpty();
    }
  }

  @Test
  void formatTwoEntriesWithoutValueAreDescribedAtOpen() {
    Content c;
    try (LocalStore store = RocksLocalStore.open(data)) {
      c = commit(store);
    }
    // Back to format 2: version 2 and empty referrer values.
    try (RocksIndex index = RocksIndex.open(data.resolve("index"))) {
      index.put(Family.DEFAULT, "format".getBytes(StandardCharsets.UTF_8), new byte[] {2}, "test");
      for (ManifestContent r : List.of(c.signature, c.sbom)) {
        index.put(Family.REFERRERS, KeyCodec.referrer(REPO, c.subject.digest(), r.digest()), new byte[0], "test");
      }
    }
    try (LocalStore store = RocksLocalStore.open(data)) {
      assertThat(store.referrerDescriptors(REPO, c.subject.digest())).containsExactlyInAnyOrderElementsOf(c.expected());
    }
  }

  private record Content(ManifestContent subject, ManifestContent signature, ManifestContent sbom) {
    List<Descriptor> expected() {
      return List.of(
          new Descriptor(MediaType.OCI_MANIFEST, signature.digest(), signature.size(), Optional.empty(),
              Optional.of("application/vnd.example.sig"), Map.of()),
          new Descriptor(MediaType.OCI_MANIFEST, sbom.digest(), sbom.size(), Optional.empty(),
              Optional.of("application/spdx+json"), Map.of("org.example.kind", "sbom")));
    }
  }

  private static Content commit(LocalStore store) {
    BlobInfo layer = ingest(store, randomBytes(1, 300));
    BlobInfo config = ingest(store, randomBytes(2, 40));
    ManifestContent subject = imageManifest(config, List.of(layer));
    store.commitManifest(REPO, subject, Set.of());
    ManifestContent signature = referrer(config, subject);
    store.commitManifest(REPO, signature, Set.of());
    // No artifactType: the config's media type stands in for it, as the spec asks.
    BlobInfo sbomConfig = ingest(store, "{}".getBytes(StandardCharsets.UTF_8));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":"
        + descriptor("application/spdx+json", sbomConfig.digest(), sbomConfig.size())
        + ",\"layers\":[],\"subject\":" + descriptor(MediaType.OCI_MANIFEST.value(), subject.digest(), subject.size())
        + ",\"annotations\":{\"org.example.kind\":\"sbom\"}}";
    ManifestContent sbom = ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
    store.commitManifest(REPO, sbom, Set.of());
    return new Content(subject, signature, sbom);
  }
}
