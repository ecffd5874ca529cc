package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.model.Digest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentRoutesTest extends SharedRegistryTest {
  private static final String ALL = TestRegistry.basic("all");
  private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
  private static final String DOCKER = "application/vnd.docker.distribution.manifest.v2+json";

  @Test
  void baseAnswersEmptyObjectWithApiVersion() {
    HttpResponse<byte[]> response = registry.http.get("/v2/", ALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.text(response)).isEqualTo("{}");
    assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
  }

  @Test
  void manifestByTagAndByDigestIsByteIdenticalWithItsStoredType() {
    for (String reference : List.of("latest", registry.hello.digest().toString())) {
      HttpResponse<byte[]> response = registry.http.get("/v2/library/hello/manifests/" + reference, ALL);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(registry.hello.manifest().bytes());
      assertThat(response.headers().firstValue("Content-Type")).contains(OCI);
      assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(registry.hello.digest().toString());
      assertThat(response.headers().firstValue("ETag")).contains("\"" + registry.hello.digest() + "\"");
      assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(registry.hello.manifest().size());
    }
  }

  @Test
  void manifestWithoutMediaTypeFieldKeepsItsContentType() {
    HttpResponse<byte[]> response = registry.http.get("/v2/library/hello/manifests/bare", ALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(registry.bare.bytes());
    assertThat(Http.text(response)).doesNotContain("\"mediaType\": \"" + OCI);
    assertThat(response.headers().firstValue("Content-Type")).contains(OCI);
    assertThat(Digest.sha256(response.body())).isEqualTo(registry.bare.digest());
  }

  @Test
  void contentTypeIsServedExactlyAsStoredParametersIncluded() {
    HttpResponse<byte[]> response = registry.http.get("/v2/library/world/manifests/params", ALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Content-Type")).containsExactly(OCI + "; charset=utf-8");
    assertThat(response.body()).isEqualTo(registry.withParameters.bytes());
  }

  @Test
  void dockerManifestAndIndexKeepTheirTypes() {
    assertThat(registry.http.get("/v2/library/hello/manifests/docker", ALL).headers().firstValue("Content-Type"))
        .contains(DOCKER);
    HttpResponse<byte[]> index = registry.http.get("/v2/library/hello/manifests/multi", ALL);
    assertThat(index.headers().firstValue("Content-Type")).contains("application/vnd.oci.image.index.v1+json");
    assertThat(index.body()).isEqualTo(registry.multi.manifest().bytes());
  }

  @Test
  void headHasTheSameHeadersAndNoBody() {
    for (String path : List.of("/v2/library/hello/manifests/latest", blobPath(registry.hello.configDigest()))) {
      HttpResponse<byte[]> get = registry.http.get(path, ALL);
      HttpResponse<byte[]> head = registry.http.head(path, ALL);
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      for (String header : List.of("Content-Type", "Content-Length", "Docker-Content-Digest", "ETag")) {
        assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header)).isPresent();
      }
    }
  }

  @Test
  void acceptIsHonoured() {
    String path = "/v2/library/hello/manifests/latest";
    assertThat(registry.http.send(registry.http.request(path).header("Authorization", ALL).header("Accept", DOCKER))
        .statusCode()).isEqualTo(404);
    assertThat(Http.text(registry.http.send(registry.http.request(path).header("Authorization", ALL)
        .header("Accept", DOCKER)))).contains("MANIFEST_UNKNOWN");
    assertThat(registry.http.send(registry.http.request(path).header("Authorization", ALL)
        .header("Accept", DOCKER + ", " + OCI)).statusCode()).isEqualTo(200);
    assertThat(registry.http.send(registry.http.request(path).header("Authorization", ALL).header("Accept", "*/*"))
        .statusCode()).isEqualTo(200);
    assertThat(registry.http.send(registry.http.request(path).header("Authorization", ALL).header("Accept", DOCKER)
        .header("Accept", OCI)).statusCode()).isEqualTo(200);
  }

  @Test
  void ifNoneMatchGivesNotModified() {
    String etag = "\"" + registry.hello.digest() + "\"";
    HttpResponse<byte[]> manifest = registry.http.send(registry.http.request("/v2/library/hello/manifests/latest")
        .header("Authorization", ALL).header("If-None-Match", etag));
    assertThat(manifest.statusCode()).isEqualTo(304);
    assertThat(manifest.body()).isEmpty();
    Digest layer = Digest.sha256(registry.hello.layers().get(1));
    HttpResponse<byte[]> blob = registry.http.send(registry.http.request(blobPath(layer)).header("Authorization", ALL)
        .header("If-None-Match", "\"" + layer + "\""));
    assertThat(blob.statusCode()).isEqualTo(304);
    assertThat(blob.headers().firstValue("ETag")).contains("\"" + layer + "\"");
  }

  @Test
  void aBlobOfAnotherRepositoryIsUnknownHereEvenToACallerAllowedBoth() {
    Digest helloLayer = Digest.sha256(registry.hello.layers().get(1));

    HttpResponse<byte[]> through = registry.http.get("/v2/team/app/blobs/" + helloLayer, ALL);
    HttpResponse<byte[]> own = registry.http.get(blobPath(helloLayer), ALL);

    assertThat(through.statusCode()).isEqualTo(404);
    assertThat(new String(through.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("BLOB_UNKNOWN");
    assertThat(own.statusCode()).isEqualTo(200);
  }

  @Test
  void blobIsServedWhole() {
    byte[] layer = registry.hello.layers().get(1);
    Digest digest = Digest.sha256(layer);
    HttpResponse<byte[]> response = registry.http.get(blobPath(digest), ALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(layer);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(response.headers().firstValue("Docker-Content-Digest")).contains(digest.toString());
    assertThat(response.headers().firstValue("Accept-Ranges")).contains("bytes");
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(layer.length);
  }

  @Test
  void blobRangesGivePartialContent() {
    byte[] layer = registry.hello.layers().get(1);
    String path = blobPath(Digest.sha256(layer));
    HttpResponse<byte[]> middle = registry.http.send(registry.http.request(path).header("Authorization", ALL)
        .header("Range", "bytes=100-1099"));
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(layer, 100, 1100));
    assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-1099/" + layer.length);
    assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(1000);
    HttpResponse<byte[]> tail = registry.http.send(registry.http.request(path).header("Authorization", ALL)
        .header("Range", "bytes=-10"));
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(layer, layer.length - 10, layer.length));
    HttpResponse<byte[]> open = registry.http.send(registry.http.request(path).header("Authorization", ALL)
        .header("Range", "bytes=" + (layer.length - 5) + "-"));
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(layer, layer.length - 5, layer.length));
  }

  @Test
  void unsatisfiableRangeIs416WithoutABody() {
    byte[] layer = registry.hello.layers().get(1);
    HttpResponse<byte[]> response = registry.http.send(registry.http.request(blobPath(Digest.sha256(layer)))
        .header("Authorization", ALL).header("Range", "bytes=" + layer.length + "-"));
    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(response.headers().firstValue("Content-Range")).contains("bytes */" + layer.length);
    assertThat(response.headers().firstValue("Content-Length")).contains("0");
    assertThat(response.body()).as("the spec lists no error code for a range").isEmpty();
  }

  @Test
  void tagsArePaginatedWithLink() {
    HttpResponse<byte[]> all = registry.http.get("/v2/library/hello/tags/list", ALL);
    assertThat(Http.text(all)).isEqualTo("{\"name\":\"library/hello\",\"tags\":[\"bare\",\"docker\",\"latest\",\"multi\",\"v1\"]}");
    assertThat(all.headers().firstValue("Link")).isEmpty();
    HttpResponse<byte[]> first = registry.http.get("/v2/library/hello/tags/list?n=2", ALL);
    assertThat(Http.text(first)).isEqualTo("{\"name\":\"library/hello\",\"tags\":[\"bare\",\"docker\"]}");
    String link = first.headers().firstValue("Link").orElseThrow();
    assertThat(link).isEqualTo("</v2/library/hello/tags/list?n=2&last=docker>; rel=\"next\"");
    HttpResponse<byte[]> second = registry.http.get(link.substring(1, link.indexOf('>')), ALL);
    assertThat(Http.text(second)).isEqualTo("{\"name\":\"library/hello\",\"tags\":[\"latest\",\"multi\"]}");
    HttpResponse<byte[]> last = registry.http.get("/v2/library/hello/tags/list?n=2&last=multi", ALL);
    assertThat(Http.text(last)).isEqualTo("{\"name\":\"library/hello\",\"tags\":[\"v1\"]}");
    assertThat(last.headers().firstValue("Link")).isEmpty();
  }

  @Test
  void catalogIsPaginatedWithLink() {
    HttpResponse<byte[]> all = registry.http.get("/v2/_catalog", ALL);
    assertThat(Http.text(all)).isEqualTo("{\"repositories\":[\"library/hello\",\"library/world\",\"team/app\"]}");
    HttpResponse<byte[]> first = registry.http.get("/v2/_catalog?n=1", ALL);
    assertThat(Http.text(first)).isEqualTo("{\"repositories\":[\"library/hello\"]}");
    assertThat(first.headers().firstValue("Link")).contains("</v2/_catalog?n=1&last=library%2Fhello>; rel=\"next\"");
    HttpResponse<byte[]> next = registry.http.get("/v2/_catalog?n=1&last=library%2Fhello", ALL);
    assertThat(Http.text(next)).isEqualTo("{\"repositories\":[\"library/world\"]}");
  }

  @Test
  void containerdNamespaceParameterIsIgnored() {
    HttpResponse<byte[]> response = registry.http.get("/v2/library/hello/manifests/latest?ns=registry.example.com", ALL);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(registry.hello.manifest().bytes());
  }

  private static String blobPath(Digest digest) {
    return "/v2/library/hello/blobs/" + digest;
  }
}
