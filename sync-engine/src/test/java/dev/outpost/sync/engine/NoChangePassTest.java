package dev.outpost.sync.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.testing.AcrStub;
import dev.outpost.sync.testing.ParentTraffic;
import dev.outpost.sync.testing.ParentTraffic.Kind;
import dev.outpost.sync.testing.RegistryAccessLog;
import dev.outpost.sync.testing.RegistryStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figure issue 10 asks for: what a no-change pass over 500 tags in 50 repositories sends to the
 * parent, counted at the parent. Generic OCI (a real docker-registry, counted from its access log):
 * a HEAD per tag. ACR (the WireMock ACR, counted from its journal): the listing with
 * {@code lastUpdateTime} watermarks, one tag-list page per repository. Goal on both: no manifest body
 * and no blob byte. Each test prints its figures on a line starting {@code no-change pass:}
 * ({@code scripts/bench/no-change-pass.sh} runs this class and shows them).
 */
class NoChangePassTest extends EngineTestSupport {
  private static final int REPOSITORIES = 50;
  private static final int TAGS = 10;
  private static final String RULE = "bench/*";

  private final RandomImages images = new RandomImages(500);

  @TempDir
  Path work;

  @Test
  void aNoChangePassOverDockerRegistryHeadsEachTagAndFetchesNoBody() throws Exception {
    Path registryDir = work.resolve("registry");
    RegistryStorage storage = new RegistryStorage(registryDir.resolve("data"));
    for (int r = 0; r < REPOSITORIES; r++) {
      Image base = images.ociImage(64);
      for (int t = 0; t < TAGS; t++) {
        storage.put(repo(r), tag(t), version(base, t));
      }
    }
    try (DockerRegistryProcess registry = DockerRegistryProcess.start(registryDir);
        RegistryAccessLog log = new RegistryAccessLog(registry)) {
      ParentEndpoint endpoint = ParentEndpoint.fromUrl(registry.url(), null, null);
      String start = log.mark();
      SyncReport first = sync(settings(RULE), endpoint, () -> false);
      assertThat(first.complete()).as("%s", first).isTrue();
      assertCountsAFirstPass(log.between(start, log.mark()));

      String from = log.mark();
      SyncReport second = sync(settings(RULE), endpoint, () -> false);
      ParentTraffic traffic = log.between(from, log.mark());

      System.out.println(traffic.figures("generic OCI (docker-registry " + REPOSITORIES + " repositories x " + TAGS
          + " tags, HEAD per tag)"));
      assertThat(second.complete()).as("%s", second).isTrue();
      assertThat(traffic.requests(Kind.MANIFEST_HEAD)).isEqualTo(REPOSITORIES * TAGS);
      assertNoBodies(traffic);
    }
  }

  @Test
  void aNoChangePassOverAcrListsEachRepositoryOnceAndFetchesNoBody() {
    try (AcrStub acr = new AcrStub(work, parent.url())) {
      List<String> repos = new ArrayList<>();
      for (int r = 0; r < REPOSITORIES; r++) {
        repos.add(repo(r));
        List<String> entries = new ArrayList<>();
        Image base = images.ociImage(64);
        for (int t = TAGS - 1; t >= 0; t--) {
          Image image = version(base, t);
          parent.push(repo(r), tag(t), image);
          entries.add(tagEntry(tag(t), image, t));
        }
        // The SDK sends the repository name as one path segment, its slash encoded, as ACR takes it.
        acr.stubListing(get(urlPathEqualTo("/acr/v1/" + repo(r).replace("/", "%2F") + "/_tags"))
            .willReturn(json("{\"registry\":\"127.0.0.1\",\"imageName\":\"" + repo(r) + "\",\"tags\":["
                + String.join(",", entries) + "]}")));
      }
      acr.stubListing(get(urlPathEqualTo("/acr/v1/_catalog")).willReturn(json("{\"repositories\":["
          + repos.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "]}")));
      ParentEndpoint endpoint = ParentEndpoint.fromUrl(acr.url(), AcrStub.SYNC_USER, AcrStub.SYNC_PASSWORD)
          .withTransport(new Transport(TlsTrust.withCaFile(acr.caFile()), EnvironmentProxies.none())).withAcr(true);
      SyncReport first = sync(settings(RULE), endpoint, () -> false);
      assertThat(first.complete()).as("%s", first).isTrue();
      assertCountsAFirstPass(journal(acr));
      acr.server().resetRequests();

      SyncReport second = sync(settings(RULE), endpoint, () -> false);
      ParentTraffic traffic = journal(acr);

      System.out.println(traffic.figures("ACR (WireMock ACR, " + REPOSITORIES + " repositories x " + TAGS
          + " tags, lastUpdateTime watermarks, " + "tag pages of up to 100)"));
      assertThat(second.complete()).as("%s", second).isTrue();
      // One page per repository: 10 tags are under the SDK's page size of 100.
      assertThat(traffic.listingsPerRepository()).hasSize(REPOSITORIES).allSatisfy((repo, n) -> assertThat(n).isOne());
      // Only each repository's newest tag, at its watermark's instant, is asked about.
      assertThat(traffic.requests(Kind.MANIFEST_HEAD)).isEqualTo(REPOSITORIES);
      assertNoBodies(traffic);
    }
  }

  /** What the ACR stub answered since its journal was last reset. */
  private static ParentTraffic journal(AcrStub acr) {
    ParentTraffic traffic = new ParentTraffic();
    for (ServeEvent event : acr.server().getAllServeEvents()) {
      byte[] body = event.getResponse().getBody();
      traffic.add(event.getRequest().getMethod().getName(), event.getRequest().getUrl(), body == null ? 0 : body.length);
    }
    return traffic;
  }

  /** The counting sees bodies when there are some: the first pass fetched every manifest and blob. */
  private void assertCountsAFirstPass(ParentTraffic first) {
    assertThat(first.requests(Kind.MANIFEST_GET)).isEqualTo(REPOSITORIES * TAGS);
    assertThat(first.manifestBodyBytes()).isPositive();
    assertThat(first.blobBodyBytes()).isPositive();
    for (int r = 0; r < REPOSITORIES; r++) {
      assertThat(store().tags(dev.outpost.store.model.RepositoryName.of(repo(r)))).hasSize(TAGS);
    }
  }

  private static void assertNoBodies(ParentTraffic traffic) {
    assertThat(traffic.requests(Kind.MANIFEST_GET)).isZero();
    assertThat(traffic.requests(Kind.BLOB)).isZero();
    assertThat(traffic.manifestBodyBytes()).isZero();
    assertThat(traffic.blobBodyBytes()).isZero();
  }

  /**
   * {@code base} with an annotation naming version {@code t}: each tag its own manifest, all of a
   * repository's sharing one config and one layer (seeding and the first pass stay short).
   */
  private static Image version(Image base, int t) {
    String json = new String(base.manifest().bytes(), StandardCharsets.UTF_8);
    String annotated = json.substring(0, json.lastIndexOf('}'))
        + ",\"annotations\":{\"org.opencontainers.image.version\":\"" + tag(t) + "\"}}";
    return new Image(ManifestContent.of(annotated.getBytes(StandardCharsets.UTF_8), base.manifest().contentType()),
        base.config(), base.layers());
  }

  private static String repo(int r) {
    return String.format("bench/repo-%02d", r);
  }

  private static String tag(int t) {
    return "v" + t;
  }

  /** An entry of ACR's tag listing; tag {@code t} was last updated at minute {@code t}. */
  private static String tagEntry(String tag, Image image, int minute) {
    return "{\"name\":\"" + tag + "\",\"digest\":\"" + image.digest() + "\","
        + "\"createdTime\":\"2025-01-01T00:00:00.0000000Z\","
        + "\"lastUpdateTime\":\"2025-01-01T00:" + String.format("%02d", minute) + ":00.1234567Z\","
        + "\"signed\":false,\"changeableAttributes\":{\"deleteEnabled\":true,\"writeEnabled\":true,"
        + "\"readEnabled\":true,\"listEnabled\":true}}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }
}
