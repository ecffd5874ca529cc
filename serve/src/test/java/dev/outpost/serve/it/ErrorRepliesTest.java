package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error the API gives, with its status and spec code, over real HTTP. */
class ErrorRepliesTest extends SharedRegistryTest {
  private static final String ALL = TestRegistry.basic("all");
  private static final String MISSING = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  @ParameterizedTest(name = "GET {0} -> {1} {2}")
  @CsvSource({
      "/v2/library/hello/blobs/sha256:abc, 400, DIGEST_INVALID",
      "/v2/library/hello/blobs/md5:d41d8cd98f00b204e9800998ecf8427e, 400, DIGEST_INVALID",
      "/v2/library/hello/manifests/sha256:XYZ, 400, DIGEST_INVALID",
      "/v2/Library/Hello/manifests/latest, 400, NAME_INVALID",
      "/v2/library/hello-/tags/list, 400, NAME_INVALID",
      "/v2/library/_x/blobs/" + MISSING + ", 400, NAME_INVALID",
      "/v2/library/hello/manifests/-notatag, 404, MANIFEST_UNKNOWN",
      "/v2/library/nope/manifests/latest, 404, NAME_UNKNOWN",
      "/v2/library/nope/blobs/" + MISSING + ", 404, NAME_UNKNOWN",
      "/v2/library/nope/tags/list, 404, NAME_UNKNOWN",
      "/v2/library/hello/manifests/nope, 404, MANIFEST_UNKNOWN",
      "/v2/library/hello/manifests/" + MISSING + ", 404, MANIFEST_UNKNOWN",
      "/v2/library/hello/blobs/" + MISSING + ", 404, BLOB_UNKNOWN",
      "/v2/library/hello/referrers/sha256:notadigest, 400, DIGEST_INVALID",
      "/v2/library/hello/blobs/uploads/, 404, NAME_UNKNOWN",
      "/v2/library/hello, 404, NAME_UNKNOWN",
      "/v2/library/hello/tags/list?n=-1, 400, PAGINATION_NUMBER_INVALID",
      "/v2/_catalog?n=lots, 400, PAGINATION_NUMBER_INVALID",
      "/elsewhere, 404, NAME_UNKNOWN",
  })
  void errorsCarryTheirStatusAndCode(String path, int status, String code) {
    HttpResponse<byte[]> response = registry.http.get(path, ALL);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(Http.text(response)).startsWith("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"");
  }

  @ParameterizedTest(name = "{0} {1} -> 405")
  @CsvSource({
      "PUT, /v2/library/hello/manifests/latest",
      "DELETE, /v2/library/hello/manifests/latest",
      "POST, /v2/library/hello/blobs/uploads/",
      "PATCH, /v2/library/hello/blobs/uploads/1234",
      "PUT, /v2/library/hello/blobs/uploads/1234",
      "DELETE, /v2/library/hello/blobs/" + MISSING,
      "POST, /v2/",
      "OPTIONS, /v2/_catalog",
      "PUT, /v2/Invalid/manifests/x",
  })
  void writeMethodsAreUnsupported(String method, String path) {
    HttpResponse<byte[]> response = registry.http.send(registry.http.request(path).header("Authorization", ALL)
        .method(method, HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    assertThat(Http.text(response)).startsWith("{\"errors\":[{\"code\":\"UNSUPPORTED\"");
  }

  @ParameterizedTest(name = "GET {0} -> 400 NAME_INVALID")
  @CsvSource({
      "/v2/library%2Fhello/manifests/latest",
      "/v2/library/%2e%2e/x/manifests/latest",
      "/v2/library/hello%00/manifests/latest",
  })
  void pathsJettyRejectsAreNameInvalid(String path) {
    HttpResponse<byte[]> response = registry.http.get(path, ALL);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.text(response)).startsWith("{\"errors\":[{\"code\":\"NAME_INVALID\"");
  }

  /** Jetty refuses these before any handler runs; the reply is still the envelope, not Jetty's HTML page. */
  @ParameterizedTest(name = "{0} over the 8 KiB limit -> {1} {2}")
  @CsvSource({
      "request line, 414, URI_TOO_LONG",
      "header, 431, HEADERS_TOO_LARGE",
  })
  void requestsOverTheHeaderLimitGetTheEnvelope(String what, int status, String code) {
    String big = "a".repeat(9 * 1024);
    HttpRequest.Builder request = what.equals("header")
        ? registry.http.request("/v2/").header("X-Big", big)
        : registry.http.request("/v2/library/hello/manifests/" + big);
    HttpResponse<byte[]> response = registry.http.send(request.header("Authorization", ALL));
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(Http.text(response)).startsWith("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"");
  }

  @org.junit.jupiter.api.Test
  void errorsUnderV2KeepTheApiVersionHeader() {
    HttpResponse<byte[]> response = registry.http.send(registry.http.request("/v2/"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
  }

  @ParameterizedTest(name = "HEAD {0} -> {1}, no body")
  @CsvSource({
      "/v2/library/hello/blobs/" + MISSING + ", 404",
      "/v2/library/hello/manifests/nope, 404",
      "/v2/library/hello/blobs/sha256:abc, 400",
  })
  void headErrorsHaveNoBody(String path, int status) {
    HttpResponse<byte[]> response = registry.http.head(path, ALL);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).isEmpty();
  }
}
