package dev.outpost.store.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.BlobIngest;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden manifests go through the store and come back byte for byte, with the Content-Type they
 * were committed with and the digest of the file.
 */
class ManifestRoundTripTest {
  private static final RepositoryName REPO = RepositoryName.of("outpost/hello");

  @TempDir
  Path data;

  private LocalStore store;

  @BeforeEach
  void openStoreWithEveryGoldenBlobAndManifest() {
    store = RocksLocalStore.open(data);
    for (Path file : GoldenManifests.blobFiles()) {
      byte[] content = GoldenManifests.read(file);
      try (BlobIngest ingest = store.openIngest(Digest.sha256(content), content.length, "golden")) {
        ingest.write(content, 0, content.length);
        ingest.commit();
      }
    }
    // Bottom-up, as the sync engine commits: image manifests, then what references them.
    for (String file : new String[] {"oci-manifest-amd64.json", "oci-manifest-arm64.json", "docker-manifest-amd64.json",
        "docker-manifest-arm64.json", "oci-manifest-no-mediatype.json", "oci-index.json", "docker-manifest-list.json",
        "oci-artifact.json"}) {
      store.commitManifest(REPO, golden(file, contentTypeOf(file)), Set.of());
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "oci-manifest-amd64.json", "oci-manifest-arm64.json", "oci-index.json", "docker-manifest-amd64.json",
      "docker-manifest-arm64.json", "docker-manifest-list.json", "oci-artifact.json", "oci-manifest-no-mediatype.json",
  })
  void storedManifestIsByteIdenticalToTheFile(String file) {
    byte[] bytes = GoldenManifests.bytes(file);
    Digest digest = Digest.sha256(bytes);

    ManifestContent stored = store.manifest(REPO, digest).orElseThrow();

    assertThat(stored.bytes()).isEqualTo(bytes);
    assertThat(stored.digest()).isEqualTo(digest);
    assertThat(stored.contentType()).isEqualTo(contentTypeOf(file));
  }

  /** The Content-Type a registry would send: the document's own, or OCI for the one without. */
  private static MediaType contentTypeOf(String file) {
    if (file.startsWith("docker-manifest-list")) {
      return MediaType.DOCKER_MANIFEST_LIST;
    }
    if (file.startsWith("docker-")) {
      return MediaType.DOCKER_MANIFEST;
    }
    return file.contains("index") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
  }

  private static ManifestContent golden(String file, MediaType contentType) {
    return ManifestContent.of(GoldenManifests.bytes(file), contentType);
  }
}
