package dev.outpost.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/vnd.oci.image.manifest.v1+json | application/vnd.oci.image.manifest.v1+json | false | true",
      "application/vnd.oci.image.index.v1+json | application/vnd.oci.image.index.v1+json | true | false",
      "application/vnd.docker.distribution.manifest.v2+json | application/vnd.docker.distribution.manifest.v2+json | false | true",
      "application/vnd.docker.distribution.manifest.list.v2+json | application/vnd.docker.distribution.manifest.list.v2+json | true | false",
      "Application/VND.OCI.Image.Index.v1+JSON; charset=utf-8 | application/vnd.oci.image.index.v1+json | true | false",
      "application/json; charset=utf-8 | application/json | false | false",
      "application/vnd.oci.image.layer.v1.tar+gzip | application/vnd.oci.image.layer.v1.tar+gzip | false | false",
  })
  void parsesAndClassifies(String value, String essence, boolean index, boolean imageManifest) {
    MediaType type = MediaType.parse(value);
    assertThat(type.value()).isEqualTo(value);
    assertThat(type.essence()).isEqualTo(essence);
    assertThat(type.isIndex()).isEqualTo(index);
    assertThat(type.isImageManifest()).isEqualTo(imageManifest);
    assertThat(type.isManifest()).isEqualTo(index || imageManifest);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"application", "/json", "application/", "a b/c", "application/json/x", "application/ json"})
  void rejectsInvalidMediaTypes(String value) {
    assertThatThrownBy(() -> MediaType.parse(value))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.MEDIA_TYPE));
  }

  @Test
  void sameEssenceIgnoresParametersAndCase() {
    assertThat(MediaType.parse("Application/JSON; charset=utf-8").sameEssence(MediaType.parse("application/json"))).isTrue();
    assertThat(MediaType.OCI_INDEX.sameEssence(MediaType.OCI_MANIFEST)).isFalse();
  }
}
