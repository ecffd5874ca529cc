package dev.outpost.store.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Platform;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parses the golden manifests: kind, media type, children, subject, artifact type. */
class ManifestParserGoldenTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "oci-manifest-amd64.json        | application/vnd.oci.image.manifest.v1+json               | 3 | -                       | -",
      "oci-manifest-arm64.json        | application/vnd.oci.image.manifest.v1+json               | 3 | -                       | -",
      "docker-manifest-amd64.json     | application/vnd.docker.distribution.manifest.v2+json     | 3 | -                       | -",
      "docker-manifest-arm64.json     | application/vnd.docker.distribution.manifest.v2+json     | 3 | -                       | -",
      "oci-artifact.json              | application/vnd.oci.image.manifest.v1+json               | 2 | oci-manifest-amd64.json | application/spdx+json",
      "oci-manifest-no-mediatype.json | application/vnd.oci.image.manifest.v1+json               | 3 | -                       | -",
  })
  void parsesImageManifestsWithEveryBlobAsAChild(String file, String mediaType, int children, String subjectFile,
      String artifactType) {
    ParsedManifest parsed = ManifestParser.parse(GoldenManifests.bytes(file), MediaType.parse(mediaType));

    ImageManifest manifest = (ImageManifest) parsed;
    assertThat(manifest.mediaType().value()).isEqualTo(mediaType);
    assertThat(manifest.children()).hasSize(children).first().isEqualTo(manifest.config());
    assertThat(manifest.children().subList(1, children)).isEqualTo(manifest.layers());
    for (Descriptor child : manifest.children()) {
      byte[] blob = GoldenManifests.read(GoldenManifests.blobFile(child.digest()));
      assertThat(Digest.sha256(blob)).isEqualTo(child.digest());
      assertThat((long) blob.length).as("size of %s", child.digest()).isEqualTo(child.size());
    }
    assertThat(manifest.subject().map(Descriptor::digest)).isEqualTo(goldenDigest(subjectFile));
    assertThat(manifest.artifactType()).isEqualTo(Optional.ofNullable(artifactType));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "oci-index.json            | application/vnd.oci.image.index.v1+json                 | oci-manifest-amd64.json oci-manifest-arm64.json",
      "docker-manifest-list.json | application/vnd.docker.distribution.manifest.list.v2+json | docker-manifest-amd64.json docker-manifest-arm64.json",
  })
  void parsesIndexesWithEveryManifestAsAChild(String file, String mediaType, String childFiles) {
    ImageIndex index = (ImageIndex) ManifestParser.parse(GoldenManifests.bytes(file), MediaType.parse(mediaType));

    assertThat(index.mediaType().value()).isEqualTo(mediaType);
    List<String> files = Arrays.asList(childFiles.split(" "));
    assertThat(index.children()).extracting(Descriptor::digest)
        .containsExactlyElementsOf(files.stream().map(f -> Digest.sha256(GoldenManifests.bytes(f))).toList());
    assertThat(index.children()).extracting(Descriptor::size)
        .containsExactlyElementsOf(files.stream().map(f -> (long) GoldenManifests.bytes(f).length).toList());
    assertThat(index.children()).extracting(d -> d.platform().orElseThrow())
        .containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"));
    assertThat(index.subject()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.v2+json",
      "application/json, application/vnd.oci.image.manifest.v1+json",
      "application/octet-stream, application/vnd.oci.image.manifest.v1+json",
  })
  void manifestWithoutMediaTypeTakesItsKindFromTheContentTypeOrItsShape(String contentType, String expected) {
    ParsedManifest parsed = ManifestParser.parse(GoldenManifests.bytes("oci-manifest-no-mediatype.json"),
        MediaType.parse(contentType));
    assertThat(parsed).isInstanceOf(ImageManifest.class);
    assertThat(parsed.mediaType().value()).isEqualTo(expected);
  }

  @Test
  void goldenFilesKeepTheirExactFormatting() throws Exception {
    assertThat(new String(GoldenManifests.bytes("oci-manifest-no-mediatype.json"), "UTF-8")).endsWith("}\r\n");
    assertThat(new String(GoldenManifests.bytes("docker-manifest-amd64.json"), "UTF-8")).startsWith("{\n   \"schemaVersion\"");
  }

  private static Optional<Digest> goldenDigest(String file) {
    return Optional.ofNullable(file).map(f -> Digest.sha256(GoldenManifests.bytes(f)));
  }
}
