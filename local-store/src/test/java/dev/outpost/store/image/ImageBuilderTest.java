package dev.outpost.store.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of("oci plain", (Supplier<ImageBuilder>) () -> ImageBuilder.oci(),
            MediaType.OCI_MANIFEST, MediaType.OCI_CONFIG, MediaType.OCI_LAYER_TAR),
        Arguments.of("docker", (Supplier<ImageBuilder>) () -> ImageBuilder.docker(),
            MediaType.DOCKER_MANIFEST, MediaType.DOCKER_CONFIG, MediaType.DOCKER_LAYER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void builtManifestParsesAndEveryDigestReDerives(String name, Supplier<ImageBuilder> builder,
      MediaType manifestType, MediaType configType, MediaType layerType) throws IOException {
    Image image = builder.get().platform(Platform.parse("linux/arm64/v8"))
        .randomLayer(1, 3000).layerFile("etc/hello.txt", "hello".getBytes()).build();

    ImageManifest parsed = (ImageManifest) ManifestParser.parse(image.manifest());

    assertThat(parsed.mediaType()).isEqualTo(manifestType);
    assertThat(image.manifest().contentType()).isEqualTo(manifestType);
    assertThat(image.digest()).isEqualTo(Digest.sha256(image.manifest().bytes()));
    assertThat(parsed.config()).isEqualTo(Descriptor.of(configType, Digest.sha256(image.config()), image.config().length));
    assertThat(parsed.layers()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      byte[] layer = image.layers().get(i);
      assertThat(parsed.layers().get(i)).isEqualTo(Descriptor.of(layerType, Digest.sha256(layer), layer.length));
    }
    JsonNode config = JSON.readTree(image.config());
    assertThat(config.get("architecture").asText()).isEqualTo("arm64");
    assertThat(config.get("variant").asText()).isEqualTo("v8");
    List<String> diffIds = new ArrayList<>();
    config.get("rootfs").get("diff_ids").forEach(n -> diffIds.add(n.asText()));
    List<String> expected = new ArrayList<>();
    for (byte[] layer : image.layers()) {
      expected.add(Digest.sha256(layerType.essence().endsWith("gzip") ? gunzip(layer) : layer).toString());
    }
    assertThat(diffIds).isEqualTo(expected);
  }

  @Test
  void sameInputsGiveIdenticalBytes() {
    Image a = ImageBuilder.oci().randomLayer(7, 1000).build();
    Image b = ImageBuilder.oci().randomLayer(7, 1000).build();
    Image c = ImageBuilder.oci().randomLayer(8, 1000).build();

    assertThat(a.manifest().bytes()).isEqualTo(b.manifest().bytes());
    assertThat(c.digest()).isNotEqualTo(a.digest());
  }

  @Test
  void plainOciLayerOfRandomContentStaysIncompressible() {
    Image image = ImageBuilder.oci().randomLayer(3, 100_000).build();

    assertThat(image.layers().get(0).length).isGreaterThan(100_000);
    assertThat(image.blobs()).hasSize(2).containsKey(image.configDigest());
  }

  @Test
  void indexListsEachImageWithItsPlatform() {
    Image amd = ImageBuilder.oci().randomLayer(1, 10).build();
    Image arm = ImageBuilder.oci().platform(Platform.parse("linux/arm64")).randomLayer(2, 10).build();

    Index index = IndexBuilder.oci().add(amd, Platform.parse("linux/amd64")).add(arm, Platform.parse("linux/arm64")).build();
    ImageIndex parsed = (ImageIndex) ManifestParser.parse(index.manifest());

    assertThat(parsed.mediaType()).isEqualTo(MediaType.OCI_INDEX);
    assertThat(parsed.manifests()).extracting(Descriptor::digest).containsExactly(amd.digest(), arm.digest());
    assertThat(parsed.manifests()).extracting(d -> d.platform().orElseThrow().toString())
        .containsExactly("linux/amd64", "linux/arm64");
    assertThat(parsed.manifests().get(0).size()).isEqualTo(amd.manifest().size());
    assertThat(index.digest()).isEqualTo(Digest.sha256(index.manifest().bytes()));
  }

  @Test
  void dockerManifestListHasDockerMediaType() {
    Image image = ImageBuilder.docker().randomLayer(1, 10).build();

    Index list = IndexBuilder.dockerManifestList().add(image, Platform.parse("linux/amd64")).build();

    assertThat(ManifestParser.parse(list.manifest()).mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
    assertThat(((ImageIndex) ManifestParser.parse(list.manifest())).manifests().get(0).mediaType())
        .isEqualTo(MediaType.DOCKER_MANIFEST);
  }

  private static byte[] gunzip(byte[] data) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }
}
