package dev.outpost.agent.referrers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.fixtures.ArtifactBuilder;
import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.serve.RegistryServer;
import dev.outpost.serve.ServeSettings;
import dev.outpost.serve.auth.AnonymousPull;
import dev.outpost.store.LocalStore;
import dev.outpost.store.PullRecorder;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.Index;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.parent.ParentEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Referrers travel with their subject and are served as the OCI distribution spec 1.1's "Listing
 * Referrers" section says. Two parents: the fixture with the referrers API, and Debian's
 * {@code docker-registry} 2.8 without it, where the referrers are an index under the
 * {@code sha256-<hex>} tag (the referrers tag schema), pushed with skopeo. One sync pass per parent
 * with {@code referrers: true} from YAML, then plain HTTP requests as {@code oras discover} makes
 * them (resolve the tag, then GET the referrers, with and without {@code artifactType}).
 *
 * <p>The conformance suite's referrers checks push their own content, which a read-only endpoint
 * refuses; its assertions are reproduced here over synced content, one test per point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferrersSyncAndServeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SBOM_TYPE = "application/spdx+json";
  private static final String API_REPO = "api/app";
  private static final String SCHEMA_REPO = "schema/app";
  private static final String SCHEMA_TAGGED_REPO = "schema/tagged";

  private final RandomImages images = new RandomImages(77);
  private final HttpClient http = HttpClient.newHttpClient();
  private ParentRegistryFixture apiParent;
  private DockerRegistryProcess schemaParent;
  private LocalStore store;
  private RegistryServer server;
  private Image apiImage;
  private Image apiSignature;
  private Image apiSbom;
  private Image schemaImage;
  private Image schemaSignature;
  private Index schemaReferrers;
  private final List<SyncReport> reports = new ArrayList<>();

  @BeforeAll
  void syncBothParentsAndServe(@TempDir Path work) throws Exception {
    apiImage = images.ociImage(1024, 2048);
    apiSignature = images.signatureFor(apiImage.descriptor());
    apiSbom = ArtifactBuilder.of(SBOM_TYPE, apiImage.descriptor())
        .blob(new MediaType(SBOM_TYPE), "{\"spdxVersion\":\"SPDX-2.3\"}".getBytes(StandardCharsets.UTF_8))
        .annotation("org.opencontainers.image.created", "2025-01-01T00:00:00Z").build();
    apiParent = ParentRegistryFixture.start()
        .push(API_REPO, "v1", apiImage).push(API_REPO, null, apiSignature).push(API_REPO, null, apiSbom);

    Skopeo skopeo = Skopeo.require();
    schemaParent = DockerRegistryProcess.start(work.resolve("parent"));
    schemaImage = images.ociImage(1024);
    schemaSignature = images.signatureFor(schemaImage.descriptor());
    schemaReferrers = tagSchemaIndex(schemaSignature);
    String schemaTag = schemaImage.digest().algorithm() + "-" + schemaImage.digest().hex();
    for (String repo : List.of(SCHEMA_REPO, SCHEMA_TAGGED_REPO)) {
      skopeo.push(schemaImage, schemaParent.hostPort(), repo, "v1");
      // skopeo pushes the signature (tagged: it copies by tag); the referrers index under the
      // schema's tag goes by a plain PUT, as cosign and oras write it (skopeo would convert it).
      skopeo.push(schemaSignature, schemaParent.hostPort(), repo, "signature");
      putManifest(schemaParent.url() + "/v2/" + repo + "/manifests/" + schemaTag, schemaReferrers.manifest());
    }

    store = RocksLocalStore.open(work.resolve("store"));
    // schema/app selects only v1: its signature can come only through the referrers fallback.
    reports.add(pass(apiParent.url(), "{name: \"" + API_REPO + "\", tags: {include: [v1]}, referrers: true}"));
    reports.add(pass(schemaParent.url(), "{name: \"" + SCHEMA_REPO + "\", tags: {include: [v1]}, referrers: true}",
        "\"" + SCHEMA_TAGGED_REPO + "\""));
    ServeSettings settings = new ServeSettings("127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(5))
        .withAnonymous(new AnonymousPull(List.of(RepositoryPattern.parse("api/*"), RepositoryPattern.parse("schema/*"))));
    server = RegistryServer.start(settings, store, store, store, store, PullRecorder.NONE, new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
    if (apiParent != null) {
      apiParent.close();
    }
    if (schemaParent != null) {
      schemaParent.close();
    }
  }

  @Test
  void bothPassesSucceed() {
    assertThat(reports).allSatisfy(r -> assertThat(r.failed()).isEmpty());
  }

  @Test
  void discoverAfterResolvingTheTagListsSignatureAndSbomFromTheApiParent() throws Exception {
    HttpResponse<byte[]> head = get("/v2/" + API_REPO + "/manifests/v1", "HEAD", MediaType.OCI_MANIFEST.value());
    Digest subject = Digest.parse(head.headers().firstValue("Docker-Content-Digest").orElseThrow());

    JsonNode index = okIndex(get(referrers(API_REPO, subject)));

    assertThat(digests(index)).containsExactlyInAnyOrder(apiSignature.digest().toString(), apiSbom.digest().toString());
  }

  @Test
  void theTagSchemaParentsSignatureArrivesAndIsListed() throws Exception {
    JsonNode index = okIndex(get(referrers(SCHEMA_REPO, schemaImage.digest())));

    assertThat(digests(index)).containsExactly(schemaSignature.digest().toString());
    assertThat(get("/v2/" + SCHEMA_REPO + "/manifests/" + schemaSignature.digest()).statusCode()).isEqualTo(200);
  }

  @Test
  void aSelectedTagSchemaTagIsServedAsAnOrdinaryTag() throws Exception {
    String tag = schemaImage.digest().algorithm() + "-" + schemaImage.digest().hex();

    HttpResponse<byte[]> manifest = get("/v2/" + SCHEMA_TAGGED_REPO + "/manifests/" + tag);

    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(Digest.sha256(manifest.body())).isEqualTo(schemaReferrers.digest());
    assertThat(store.tags(RepositoryName.of(SCHEMA_TAGGED_REPO))).contains(Tag.of(tag), Tag.of("v1"));
    assertThat(digests(okIndex(get(referrers(SCHEMA_TAGGED_REPO, schemaImage.digest())))))
        .containsExactly(schemaSignature.digest().toString());
  }

  /** Spec: "the response MUST be ... an image index"; Content-Type is the index media type. */
  @Test
  void theAnswerIsAnImageIndexWithItsContentType() throws Exception {
    HttpResponse<byte[]> response = get(referrers(API_REPO, apiImage.digest()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(MediaType.OCI_INDEX.value());
    JsonNode index = JSON.readTree(response.body());
    assertThat(index.path("schemaVersion").asInt()).isEqualTo(2);
    assertThat(index.path("mediaType").asText()).isEqualTo(MediaType.OCI_INDEX.value());
    assertThat(index.path("manifests").isArray()).isTrue();
  }

  /**
   * Spec: each descriptor carries the referrer's mediaType, digest, size, its artifactType (the
   * config's media type when the manifest has none) and its annotations; digest and size are those
   * of the manifest bytes served for it.
   */
  @Test
  void descriptorsCarryTheReferrersFieldsAndMatchTheServedManifests() throws Exception {
    JsonNode index = okIndex(get(referrers(API_REPO, apiImage.digest())));

    for (JsonNode d : index.path("manifests")) {
      Image referrer = d.path("digest").asText().equals(apiSignature.digest().toString()) ? apiSignature : apiSbom;
      HttpResponse<byte[]> manifest = get("/v2/" + API_REPO + "/manifests/" + d.path("digest").asText());
      assertThat(d.path("mediaType").asText()).isEqualTo(MediaType.OCI_MANIFEST.value())
          .isEqualTo(manifest.headers().firstValue("Content-Type").orElseThrow());
      assertThat(d.path("size").asLong()).isEqualTo(referrer.manifest().size()).isEqualTo(manifest.body().length);
      assertThat(Digest.sha256(manifest.body()).toString()).isEqualTo(d.path("digest").asText());
      assertThat(d.path("artifactType").asText())
          .isEqualTo(referrer == apiSignature ? ArtifactBuilder.SIGNATURE_TYPE : SBOM_TYPE);
    }
    JsonNode sbom = descriptorOf(index, apiSbom.digest());
    assertThat(JSON.convertValue(sbom.path("annotations"), Map.class))
        .isEqualTo(Map.of("org.opencontainers.image.created", "2025-01-01T00:00:00Z"));
  }

  /** Spec: with {@code artifactType}, only that type, and {@code OCI-Filters-Applied: artifactType}. */
  @Test
  void artifactTypeFiltersAndSaysSo() throws Exception {
    HttpResponse<byte[]> filtered = get(referrers(API_REPO, apiImage.digest()) + "?artifactType="
        + URLEncoder.encode(SBOM_TYPE, StandardCharsets.UTF_8));
    HttpResponse<byte[]> unfiltered = get(referrers(API_REPO, apiImage.digest()));

    assertThat(digests(okIndex(filtered))).containsExactly(apiSbom.digest().toString());
    assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).contains("artifactType");
    assertThat(unfiltered.headers().firstValue("OCI-Filters-Applied")).isEmpty();
    assertThat(digests(okIndex(get(referrers(API_REPO, apiImage.digest()) + "?artifactType=application/x-none"))))
        .isEmpty();
  }

  /** Spec: a subject without referrers, known or not, is an empty index with 200 (never 404). */
  @Test
  void aSubjectWithoutReferrersGetsAnEmptyIndex() throws Exception {
    Digest unknown = Digest.sha256("nothing refers to me".getBytes(StandardCharsets.UTF_8));

    assertThat(okIndex(get(referrers(API_REPO, apiSignature.digest()))).path("manifests")).isEmpty();
    assertThat(okIndex(get(referrers(API_REPO, unknown))).path("manifests")).isEmpty();
  }

  /** Spec: a digest of invalid syntax is a 400. */
  @Test
  void anInvalidDigestIsABadRequest() throws Exception {
    assertThat(get("/v2/" + API_REPO + "/referrers/sha256:nothex").statusCode()).isEqualTo(400);
  }

  /** Read-only and scoped like manifests: no writes; a repository outside the grant is challenged. */
  @Test
  void readOnlyAndScopedLikeManifests() throws Exception {
    assertThat(get(referrers(API_REPO, apiImage.digest()), "DELETE", "*/*").statusCode()).isEqualTo(405);
    HttpResponse<byte[]> outside = get(referrers("other/app", apiImage.digest()));
    assertThat(outside.statusCode()).isEqualTo(401);
    assertThat(outside.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
  }

  private SyncReport pass(String parentUrl, String... rules) throws Exception {
    var config = new ConfigLoader(Map.of()).parse("outpost.yaml", """
        storage: {path: /unused}
        sync:
          repositories: [%s]
        """.formatted(String.join(", ", rules)));
    try (SyncEngine engine = new SyncEngine(ParentEndpoint.fromUrl(parentUrl, null, null), config.sync().settings(), store,
        new SimpleMeterRegistry(), Clock.systemUTC())) {
      return engine.runOnce(SyncListener.NONE, () -> false);
    }
  }

  /** The referrers tag schema's index: the descriptors of the referrers, under tag {@code sha256-<hex>}. */
  private static Index tagSchemaIndex(Image referrer) {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX.value() + "\",\"manifests\":[{"
        + "\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"digest\":\"" + referrer.digest() + "\","
        + "\"size\":" + referrer.manifest().size() + ",\"artifactType\":\"" + ArtifactBuilder.SIGNATURE_TYPE + "\"}]}";
    return new Index(ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX), List.of(referrer));
  }

  private void putManifest(String url, ManifestContent manifest) throws Exception {
    HttpRequest put = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", manifest.contentType().value())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())).build();
    HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static String referrers(String repo, Digest subject) {
    return "/v2/" + repo + "/referrers/" + subject;
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return get(path, "GET", MediaType.OCI_INDEX.value() + ", " + MediaType.OCI_MANIFEST.value());
  }

  private HttpResponse<byte[]> get(String path, String method, String accept) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Accept", accept).method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode okIndex(HttpResponse<byte[]> response) throws Exception {
    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(MediaType.OCI_INDEX.value());
    return JSON.readTree(response.body());
  }

  private static List<String> digests(JsonNode index) {
    List<String> result = new ArrayList<>();
    index.path("manifests").forEach(d -> result.add(d.path("digest").asText()));
    return result;
  }

  private static JsonNode descriptorOf(JsonNode index, Digest digest) {
    for (JsonNode d : index.path("manifests")) {
      if (d.path("digest").asText().equals(digest.toString())) {
        return d;
      }
    }
    throw new AssertionError(digest + " not listed in " + index);
  }
}
