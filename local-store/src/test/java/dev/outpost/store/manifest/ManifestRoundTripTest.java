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

  /**
   * Each manifest is looked up by a digest computed outside Outpost ({@code sha256sum} of the
   * golden file), not by one Outpost derived: a store that keyed or hashed the bytes wrongly (or
   * returned other bytes) fails here.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "oci-manifest-amd64.json        | sha256:e3b004767718e104c4b94f319cf8d705cc8956d817fa0e4044ee76ad304df5d2",
      "oci-manifest-arm64.json        | sha256:479a508fd4cd50098ccba7be1ea529e418a349f4f56d3437c0c0f87f3505cb8b",
      "oci-index.json                 | sha256:69e7fb1fe8bee7558970171e4eb15bfc49490ea04cbada86ed03daffc5abd884",
      "docker-manifest-amd64.json     | sha256:0a647bba540b6b0d5f1b96a5d645df1d216c275d28ba33d8a9268392bd3d01f7",
      "docker-manifest-arm64.json     | sha256:d203831edbd582e67a9d38bce3242f617f1018a777ffbd8ddbba05feef28e913",
      "docker-manifest-list.json      | sha256:79806c9e4bd89f40940979781074edf0a6866ee077924b9e8164a7291b898af4",
      "oci-artifact.json              | sha256:1287b99cb93b87dfb762d7b7c2914b9a088cfafb4bb9f01fef2715e26fb5c201",
      "oci-manifest-no-mediatype.json | sha256:606fef5e86af301e5806c5ae772babe35809144dc3c7a37946383e2655c9b2e9",
  })
  void storedManifestIsByteIdenticalToTheFile(String file, String sha256sum) {
    Digest golden = Digest.parse(sha256sum);

    ManifestContent stored = store.manifest(REPO, golden).orElseThrow();

    assertThat(stored.bytes()).isEqualTo(GoldenManifests.bytes(file));
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
