package dev.outpost.sync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopesTest {
  @ParameterizedTest
  @CsvSource({
      "/v2/, ''",
      "/v2/_catalog?n=100, registry:catalog:*",
      "/v2/hello/tags/list, repository:hello:pull",
      "/v2/library/hello/manifests/latest, repository:library/hello:pull",
      "/v2/a/b/c/blobs/sha256:00, repository:a/b/c:pull",
      "/v2/team/manifests/manifests/v1, repository:team/manifests:pull",
      // ACR's listing API, as the Azure Container Registry SDK calls it (the name as one %2F-encoded segment).
      "/acr/v1/_catalog?n=100, registry:catalog:*",
      "/acr/v1/apps%2Fweb/_tags?orderby=timedesc, repository:apps/web:metadata_read",
      "/acr/v1/hello/_tags, repository:hello:metadata_read",
  })
  void derivesThePullScopeFromThePath(String path, String scope) {
    assertThat(Scopes.forPath(HttpUrl.get("http://h" + path).pathSegments())).isEqualTo(scope);
  }
}
