package dev.outpost.sync.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.outpost.sync.testing.AcrStub.requests;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.testing.AcrStub;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACR's listing API through the Azure Container Registry SDK, against a WireMock ACR over HTTPS
 * (content proxied to the parent fixture), authenticated with a sync token: {@code lastUpdateTime}
 * watermarks make a pass over unchanged tags ask nothing but the listing, and {@code /acr/v1/_catalog}
 * expands {@code prefix/*} for a token that may not read {@code /v2/_catalog}.
 */
class AcrListingSyncTest extends EngineTestSupport {
  @TempDir
  Path pki;

  private static final String TAGS = "/acr/v1/apps(/|%2F)web/_tags";
  private AcrStub acr;
  private final RandomImages images = new RandomImages(21);
  private final Map<String, Image> tags = new LinkedHashMap<>();

  @BeforeEach
  void startAcr() {
    acr = new AcrStub(pki, parent.url());
    for (String tag : new String[] {"v1", "v2", "v3"}) {
      Image image = images.ociImage(50_000);
      parent.push("apps/web", tag, image);
      tags.put(tag, image);
    }
  }

  @AfterEach
  void stopAcr() {
    acr.close();
  }

  private ParentEndpoint acrParent() {
    return ParentEndpoint.fromUrl(acr.url(), AcrStub.SYNC_USER, AcrStub.SYNC_PASSWORD)
        .withTransport(new Transport(TlsTrust.withCaFile(acr.caFile()), EnvironmentProxies.none())).withAcr(true);
  }

  /** {@code GET /acr/v1/apps/web/_tags}: each tag with its digest and the given minute of update, newest first. */
  private void listTags(Map<String, Integer> minuteOfUpdate) {
    String entries = minuteOfUpdate.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .map(e -> "{\"name\":\"" + e.getKey() + "\",\"digest\":\"" + tags.get(e.getKey()).digest() + "\","
            + "\"createdTime\":\"2025-01-01T00:00:00.0000000Z\","
            + "\"lastUpdateTime\":\"2025-01-01T00:" + String.format("%02d", e.getValue()) + ":00.1234567Z\","
            + "\"signed\":false,\"changeableAttributes\":{\"deleteEnabled\":true,\"writeEnabled\":true,"
            + "\"readEnabled\":true,\"listEnabled\":true}}")
        .collect(Collectors.joining(","));
    // The SDK sends the repository name as one path segment, its slash encoded (%2F), as ACR takes it.
    acr.stubListing(get(urlPathMatching(TAGS)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody("{\"registry\":\"127.0.0.1\",\"imageName\":\"apps/web\",\"tags\":[" + entries + "]}")));
  }

  private SyncReport pass(ParentEndpoint endpoint, TagWatermarks watermarks, String... rules) {
    try (SyncEngine engine = new SyncEngine(endpoint, settings(rules), store(), meters, Clock.systemUTC(), watermarks)) {
      return engine.runOnce(SyncListener.NONE, () -> false);
    }
  }

  @Test
  void aSecondPassOverUnchangedTagsFetchesNoManifestAndNoBlobAndHeadsOnlyTheNewest() {
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));
    TagWatermarks watermarks = new TagWatermarks();
    assertThat(pass(acrParent(), watermarks, "apps/web").complete()).isTrue();
    acr.server().resetRequests();

    SyncReport second = pass(acrParent(), watermarks, "apps/web");

    assertThat(second.complete()).as(second.toString()).isTrue();
    assertThat(acr.count(requests("GET", "/v2/apps/web/manifests/.*"))).isZero();
    assertThat(acr.count(requests("GET", "/v2/apps/web/blobs/.*"))).isZero();
    // Only v3 shares the watermark's time (a change in that same instant could follow the listing).
    assertThat(acr.count(requests("HEAD", "/v2/apps/web/manifests/.*"))).isEqualTo(1);
    assertThat(acr.count(requests("GET", TAGS))).isEqualTo(1);
  }

  @Test
  void aNewProcessResumesTheWatermarksKeptInTheStore() {
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));
    try (SyncEngine first = new SyncEngine(acrParent(), settings("apps/web"), store(), meters, Clock.systemUTC())) {
      assertThat(first.runOnce(SyncListener.NONE, () -> false).complete()).isTrue();
    }
    closeStore();
    acr.server().resetRequests();

    // Another process (sync --once, a restarted run): a new engine over the store opened again.
    try (SyncEngine second = new SyncEngine(acrParent(), settings("apps/web"), store(), meters, Clock.systemUTC())) {
      assertThat(second.runOnce(SyncListener.NONE, () -> false).complete()).isTrue();
    }

    assertThat(acr.count(requests("GET", "/v2/apps/web/manifests/.*"))).isZero();
    assertThat(acr.count(requests("GET", "/v2/apps/web/blobs/.*"))).isZero();
    assertThat(acr.count(requests("HEAD", "/v2/apps/web/manifests/.*"))).as("only the newest tag, at the mark's instant")
        .isEqualTo(1);
  }

  @Test
  void aPassThatFailsPartOfARepositoryForgetsItsKeptWatermarkForTheNextProcess() {
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));
    assertThat(passInNewProcess().complete()).isTrue();
    Image moved = images.ociImage(40_000);
    parent.push("apps/web", "v1", moved);
    tags.put("v1", moved);
    listTags(Map.of("v1", 4, "v2", 2, "v3", 3));
    var refused = acr.server().stubFor(get(urlPathEqualTo("/v2/apps/web/blobs/" + moved.configDigest())).atPriority(1)
        .willReturn(aResponse().withStatus(404)));
    assertThat(passInNewProcess().complete()).isFalse();
    acr.server().removeStub(refused);
    acr.server().resetRequests();

    assertThat(passInNewProcess().complete()).isTrue();

    assertThat(acr.count(requests("HEAD", "/v2/apps/web/manifests/.*"))).as("no mark: every tag asked about").isEqualTo(3);
  }

  /** One pass by a new engine over the store opened again, as {@code outpost sync --once} runs it. */
  private SyncReport passInNewProcess() {
    closeStore();
    try (SyncEngine engine = new SyncEngine(acrParent(), settings("apps/web"), store(), meters, Clock.systemUTC())) {
      return engine.runOnce(SyncListener.NONE, () -> false);
    }
  }

  @Test
  void aDryRunInANewProcessDoesNotMoveTheKeptWatermark() {
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));
    try (SyncEngine engine = new SyncEngine(acrParent(), settings("apps/web"), store(), meters, Clock.systemUTC())) {
      engine.dryRun(SyncListener.NONE);
    }
    closeStore();

    try (SyncEngine engine = new SyncEngine(acrParent(), settings("apps/web"), store(), meters, Clock.systemUTC())) {
      assertThat(engine.runOnce(SyncListener.NONE, () -> false).complete()).isTrue();
    }

    for (String tag : tags.keySet()) {
      assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of(tag))).contains(tags.get(tag).digest());
    }
  }

  @Test
  void withoutTagTimesEveryTagIsCheckedByHead() {
    ParentEndpoint generic = acrParent().withAcr(false);
    TagWatermarks watermarks = new TagWatermarks();
    assertThat(pass(generic, watermarks, "apps/web").complete()).isTrue();
    acr.server().resetRequests();

    assertThat(pass(generic, watermarks, "apps/web").complete()).isTrue();

    assertThat(acr.count(requests("HEAD", "/v2/apps/web/manifests/.*"))).isEqualTo(3);
    assertThat(acr.count(requests("GET", "/v2/apps/web/blobs/.*"))).isZero();
  }

  @Test
  void aTagUpdatedSinceTheWatermarkIsCheckedAndSynced() {
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));
    TagWatermarks watermarks = new TagWatermarks();
    assertThat(pass(acrParent(), watermarks, "apps/web").complete()).isTrue();
    Image moved = images.ociImage(40_000);
    parent.push("apps/web", "v1", moved);
    tags.put("v1", moved);
    listTags(Map.of("v1", 4, "v2", 2, "v3", 3));
    acr.server().resetRequests();

    assertThat(pass(acrParent(), watermarks, "apps/web").complete()).isTrue();

    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v1"))).contains(moved.digest());
    // v1 (changed since) and v3 (at the old mark's instant); v2 is older than the mark: not asked.
    assertThat(acr.count(requests("HEAD", "/v2/apps/web/manifests/.*"))).isEqualTo(2);
    assertThat(acr.count(requests("HEAD", "/v2/apps/web/manifests/v2"))).isZero();
  }

  @Test
  void aDryRunDoesNotMoveTheWatermark() {
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));
    TagWatermarks watermarks = new TagWatermarks();
    try (SyncEngine engine = new SyncEngine(acrParent(), settings("apps/web"), store(), meters, Clock.systemUTC(), watermarks)) {
      engine.dryRun(SyncListener.NONE);
    }

    assertThat(pass(acrParent(), watermarks, "apps/web").complete()).isTrue();

    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v1"))).contains(tags.get("v1").digest());
    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v2"))).contains(tags.get("v2").digest());
  }

  @Test
  void aRepositoryScopedTokenExpandsWildcardsThroughAcrsCatalogWhereV2CatalogIsRefused() {
    refuseV2Catalog();
    acr.stubListing(get(urlPathEqualTo("/acr/v1/_catalog")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"repositories\":[\"apps/web\",\"other/tool\"]}")));
    listTags(Map.of("v1", 1, "v2", 2, "v3", 3));

    SyncReport report = pass(acrParent(), new TagWatermarks(), "apps/*");

    assertThat(report.selectionFailure()).isEmpty();
    assertThat(report.repositories()).extracting(RepoResult::repository).containsExactly(RepositoryName.of("apps/web"));
    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(store().tags(RepositoryName.of("apps/web"))).hasSize(3);
  }

  @Test
  void whenNoListingIsAllowedTheReportNamesTheRulesAndBothRefusals() {
    refuseV2Catalog();
    acr.server().stubFor(any(urlPathEqualTo("/acr/v1/_catalog")).atPriority(2).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}")));

    SyncReport report = pass(acrParent(), new TagWatermarks(), "apps/*", "tools/cli");

    assertThat(report.selectionFailure()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("[apps/*]").contains("/acr/v1/_catalog").contains("403").contains("list the catalog").contains("401"));
    assertThat(report.repositories()).extracting(RepoResult::repository).containsExactly(RepositoryName.of("tools/cli"));
  }

  /** ACR's answer to a token whose scope map has no {@code registry:catalog:*}: 401, whatever token is sent. */
  private void refuseV2Catalog() {
    acr.server().stubFor(any(urlPathEqualTo("/v2/_catalog")).atPriority(2).willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Bearer realm=\"" + acr.url() + "/oauth2/token\",service=\"127.0.0.1\","
            + "scope=\"registry:catalog:*\",error=\"insufficient_scope\"")
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")));
  }
}
