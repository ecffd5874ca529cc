package dev.outpost.serve.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.serve.error.ErrorCode;
import dev.outpost.serve.error.RegistryException;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteParserTest {
  private static final String DIGEST = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/v2, base",
      "/v2/, base",
      "/v2/_catalog, catalog",
      "/v2/hello/tags/list, tags",
      "/v2/library/hello/manifests/latest, manifest",
      "/v2/a/b/c/blobs/" + DIGEST + ", blob",
  })
  void routesByShape(String path, String label) {
    assertThat(RouteParser.parse(path).label()).isEqualTo(label);
  }

  @Test
  void referrersOfADigest() {
    assertThat(RouteParser.parse("/v2/team/app/referrers/" + DIGEST))
        .isEqualTo(new RegistryRoute.Referrers(RepositoryName.of("team/app"), Digest.parse(DIGEST)));
  }

  @Test
  void namesWithSlashesAndKeywordComponentsParseFromTheRight() {
    assertThat(RouteParser.parse("/v2/team/manifests/blobs/manifests/v1"))
        .isEqualTo(new RegistryRoute.Manifest(RepositoryName.of("team/manifests/blobs"),
            new Reference.ByTag(Tag.of("v1"))));
    assertThat(RouteParser.parse("/v2/tags/list/tags/list"))
        .isEqualTo(new RegistryRoute.TagList(RepositoryName.of("tags/list")));
    assertThat(RouteParser.parse("/v2/x/blobs/manifests/" + DIGEST))
        .isEqualTo(new RegistryRoute.Manifest(RepositoryName.of("x/blobs"),
            new Reference.ByDigest(Digest.parse(DIGEST))));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/v2/Hello/manifests/latest, NAME",
      "/v2/a//b/manifests/latest, NAME",
      "/v2/hello/blobs/sha256:abc, DIGEST",
      "/v2/hello/blobs/md5:a, DIGEST",
      "/v2/hello/manifests/sha256:XYZ, DIGEST",
      "/v2/hello/manifests/-bad, TAG",
      "/v2/hello/manifests/, TAG",
      "/v2/UPPER/tags/list, NAME",
  })
  void malformedValuesAreInvalidValues(String path, String kind) {
    assertThatThrownBy(() -> RouteParser.parse(path))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.kind().name()).isEqualTo(kind));
  }

  @ParameterizedTest
  @CsvSource({
      "/v2/hello",
      "/v2/hello/blobs/uploads/",
      "/v2/hello/blobs/uploads/1234",
      "/v2/_catalog/extra",
      "/v2/hello/tags",
  })
  void otherPathsAreUnknownEndpoints(String path) {
    assertThatThrownBy(() -> RouteParser.parse(path))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.error().code()).isEqualTo(ErrorCode.NAME_UNKNOWN));
  }

  @ParameterizedTest
  @CsvSource({"/v2, true", "/v2/, true", "/v2/x, true", "/v22, false", "/oauth2/token, false", "/, false"})
  void registryPaths(String path, boolean expected) {
    assertThat(RouteParser.isRegistryPath(path)).isEqualTo(expected);
  }
}
