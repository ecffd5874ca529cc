package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.serve.auth.AnonymousPull;
import dev.outpost.store.auth.RepositoryPattern;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve.anonymous: ["library/*"]}: manifests and blobs of library/* are pulled without
 * credentials (directly, or with a token the token endpoint gives without credentials, as docker and
 * skopeo ask for one); every other repository, tag lists and the catalog still answer the usual 401
 * challenge, byte for byte whether the repository exists or not; writes stay 405.
 */
class AnonymousPullTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  TestRegistry registry;

  @BeforeEach
  void start(@TempDir Path directory) {
    registry = new TestRegistry(directory, new AnonymousPull(List.of(RepositoryPattern.parse("library/*"))));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void manifestsAndBlobsOfListedRepositoriesNeedNoCredentials() {
    HttpResponse<byte[]> manifest = anonymous("/v2/library/hello/manifests/latest", "GET");
    HttpResponse<byte[]> head = anonymous("/v2/library/hello/manifests/latest", "HEAD");
    HttpResponse<byte[]> blob = anonymous("/v2/library/hello/blobs/" + registry.hello.configDigest(), "GET");

    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.body()).isEqualTo(registry.hello.manifest().bytes());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(registry.hello.config());
  }

  @Test
  void otherRepositoriesGetTheChallengeAndItDoesNotTellWhetherTheyExist() {
    HttpResponse<byte[]> existing = anonymous("/v2/team/app/manifests/latest", "GET");
    HttpResponse<byte[]> missing = anonymous("/v2/team/nothing-here/manifests/latest", "GET");

    assertThat(AuthFlowTest.challenge(existing)).isEqualTo("Bearer realm=\"http://127.0.0.1:" + registry.server.port()
        + "/oauth2/token\",service=\"" + registry.server.service() + "\",scope=\"repository:team/app:pull\"");
    assertThat(Http.text(existing)).contains("UNAUTHORIZED");
    assertThat(AuthFlowTest.challenge(missing)).contains("scope=\"repository:team/nothing-here:pull\"");
    assertThat(missing.body()).isEqualTo(existing.body());
  }

  @Test
  void tagListsTheCatalogAndTheBaseStillNeedCredentials() {
    assertThat(anonymous("/v2/library/hello/tags/list", "GET").statusCode()).isEqualTo(401);
    assertThat(anonymous("/v2/_catalog", "GET").statusCode()).isEqualTo(401);
    assertThat(anonymous("/v2/", "GET").statusCode()).isEqualTo(401);
  }

  @Test
  void pushAndDeleteAreStillRefused() {
    HttpResponse<byte[]> put = registry.http.send(registry.http.request("/v2/library/hello/manifests/evil")
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(registry.hello.manifest().bytes())));
    HttpResponse<byte[]> upload = registry.http.send(registry.http.request("/v2/library/hello/blobs/uploads/")
        .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<byte[]> delete = registry.http.send(registry.http.request("/v2/library/hello/manifests/latest").DELETE());

    for (HttpResponse<byte[]> refused : List.of(put, upload, delete)) {
      assertThat(refused.statusCode()).isEqualTo(405);
      assertThat(Http.text(refused)).contains("UNSUPPORTED");
    }
    assertThat(anonymous("/v2/library/hello/manifests/evil", "GET").statusCode()).isEqualTo(404);
  }

  @Test
  void theTokenEndpointGivesAnonymousCallersOnlyPullsOfListedRepositories() throws Exception {
    String scopes = "&scope=" + URLEncoder.encode("repository:library/hello:pull,push", StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode("repository:team/app:pull", StandardCharsets.UTF_8)
        + "&scope=" + URLEncoder.encode("registry:catalog:*", StandardCharsets.UTF_8);
    HttpResponse<byte[]> issued = anonymous("/oauth2/token?service=" + registry.server.service() + scopes, "GET");
    assertThat(issued.statusCode()).isEqualTo(200);
    String bearer = "Bearer " + JSON.readTree(issued.body()).get("token").asText();

    assertThat(registry.http.get("/v2/library/hello/manifests/latest", bearer).statusCode()).isEqualTo(200);
    assertThat(AuthFlowTest.challenge(registry.http.get("/v2/team/app/manifests/latest", bearer)))
        .contains("insufficient_scope");
    assertThat(registry.http.get("/v2/library/hello/tags/list", bearer).statusCode()).isEqualTo(401);
    assertThat(registry.http.get("/v2/_catalog", bearer).statusCode()).isEqualTo(401);
    assertThat(registry.http.get("/oauth2/token?scope=x", Http.basic("team", "wrong")).statusCode())
        .as("wrong credentials are refused, not treated as none").isEqualTo(401);
  }

  @Test
  void skopeoPullsAListedRepositoryWithoutCredentialsButNoOther() throws Exception {
    Skopeo skopeo = Skopeo.require();
    String host = "127.0.0.1:" + registry.server.port();

    assertThat(skopeo.inspectRaw(host, "library/hello", "latest")).isEqualTo(registry.hello.manifest().bytes());
    ToolRun.Result refused = skopeo.run("inspect", "--raw", "--tls-verify=false", "docker://" + host + "/team/app:latest");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).containsIgnoringCase("unauthorized");
  }

  private HttpResponse<byte[]> anonymous(String path, String method) {
    return registry.http.send(registry.http.request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }
}
