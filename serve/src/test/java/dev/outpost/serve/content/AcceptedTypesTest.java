package dev.outpost.serve.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.MediaType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptedTypesTest {
  private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";

  /** Accept headers are separated by |, as clients send several Accept lines. */
  @ParameterizedTest(name = "[{0}] stored {1} -> {2}")
  @CsvSource(delimiter = '#', nullValues = "none", value = {
      "none # " + OCI + " # true",
      "*/* # " + OCI + " # true",
      "application/* # " + OCI + " # true",
      "application/json # " + OCI + " # true",
      OCI + " # " + OCI + " # true",
      DOCKER + "|" + OCI + " # " + OCI + " # true",
      DOCKER + " # " + OCI + " # false",
      DOCKER + ", application/json # " + OCI_INDEX + " # false",
      OCI + " # " + OCI_INDEX + " # false",
      OCI + "; q=0.5, " + OCI_INDEX + " # " + OCI_INDEX + " # true",
      OCI_INDEX + ";q=0, " + OCI + " # " + OCI_INDEX + " # false",
      "APPLICATION/VND.OCI.IMAGE.MANIFEST.V1+JSON # " + OCI + " # true",
  })
  void admitsPerDistributionRules(String accept, String stored, boolean expected) {
    List<String> headers = accept == null ? List.of() : Arrays.asList(accept.split("\\|"));
    assertThat(AcceptedTypes.parse(headers).admits(MediaType.parse(stored))).isEqualTo(expected);
  }
}
