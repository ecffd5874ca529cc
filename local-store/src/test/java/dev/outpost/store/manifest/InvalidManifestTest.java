package dev.outpost.store.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a manifest can be malformed is reported as kind MANIFEST, with the reason. */
class InvalidManifestTest {
  private static final String CONFIG = "{'mediaType':'application/vnd.oci.image.config.v1+json',"
      + "'digest':'sha256:5a72923ef84c371e10739c5eeb544a5f2af4c50cc4b28e025d06359e89577964','size':500}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON              | this is not json                                                   | not valid JSON",
      "truncated JSON        | {'schemaVersion':2,'config':                                        | not valid JSON",
      "JSON array            | [1,2]                                                              | not a JSON object",
      "JSON number           | 42                                                                 | not a JSON object",
      "missing config        | {'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','layers':[]} | no config",
      "config not an object  | {'schemaVersion':2,'config':'sha256:abc','layers':[]}              | config is not a descriptor",
      "bad digest            | {'config':{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'sha256:XYZ','size':1}} | config",
      "unsupported algorithm | {'config':{'mediaType':'a/b','digest':'md5:d41d8cd98f00b204e9800998ecf8427e','size':1}} | not supported",
      "missing digest        | {'config':{'mediaType':'a/b','size':1}}                            | no digest",
      "missing size          | {'config':{'mediaType':'a/b','digest':'sha256:5a72923ef84c371e10739c5eeb544a5f2af4c50cc4b28e025d06359e89577964'}} | no integer size",
      "fractional size       | {'config':{'mediaType':'a/b','digest':'sha256:5a72923ef84c371e10739c5eeb544a5f2af4c50cc4b28e025d06359e89577964','size':1.5}} | no integer size",
      "negative size         | {'config':{'mediaType':'a/b','digest':'sha256:5a72923ef84c371e10739c5eeb544a5f2af4c50cc4b28e025d06359e89577964','size':-1}} | negative size",
      "bad layer media type  | {'config':CONFIG,'layers':[{'mediaType':'nonsense','digest':'sha256:5a72923ef84c371e10739c5eeb544a5f2af4c50cc4b28e025d06359e89577964','size':1}]} | layers[0]",
      "layers not an array   | {'config':CONFIG,'layers':{}}                                      | layers is not an array",
      "schema 1 manifest     | {'schemaVersion':1,'mediaType':'application/vnd.docker.distribution.manifest.v1+prettyjws','config':CONFIG} | unsupported manifest media type",
      "garbage media type    | {'mediaType':'garbage','config':CONFIG}                            | garbage",
      "index entry no digest | {'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[{'mediaType':'application/vnd.oci.image.manifest.v1+json','size':3}]} | manifests[0] has no digest",
      "platform without os   | {'mediaType':'application/vnd.oci.image.index.v1+json','manifests':[{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'sha256:5a72923ef84c371e10739c5eeb544a5f2af4c50cc4b28e025d06359e89577964','size':3,'platform':{'architecture':'amd64'}}]} | platform has no os",
      "bad subject           | {'config':CONFIG,'subject':{'mediaType':'a/b','digest':'nope','size':1}} | subject",
  })
  void rejectsMalformedManifests(String name, String json, String reason) {
    byte[] bytes = json.replace("CONFIG", CONFIG).replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ManifestParser.parse(bytes, MediaType.OCI_MANIFEST))
        .isInstanceOfSatisfying(InvalidValueException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.MANIFEST))
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsManifestsOverTheSizeCap() {
    byte[] valid = GoldenManifests.bytes("oci-manifest-amd64.json");
    byte[] tooLarge = Arrays.copyOf(valid, ManifestParser.MAX_MANIFEST_BYTES + 1);
    Arrays.fill(tooLarge, valid.length, tooLarge.length, (byte) ' ');
    assertThatThrownBy(() -> ManifestParser.parse(tooLarge, MediaType.OCI_MANIFEST))
        .isInstanceOfSatisfying(InvalidValueException.class,
            e -> assertThat(e.kind()).isEqualTo(InvalidValueException.Kind.MANIFEST))
        .hasMessageContaining("over the " + ManifestParser.MAX_MANIFEST_BYTES + " byte limit");

    byte[] atTheCap = Arrays.copyOf(tooLarge, ManifestParser.MAX_MANIFEST_BYTES);
    assertThat(ManifestParser.parse(atTheCap, MediaType.OCI_MANIFEST)).isInstanceOf(ImageManifest.class);
  }
}
