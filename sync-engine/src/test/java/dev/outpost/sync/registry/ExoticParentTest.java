package dev.outpost.sync.registry;

import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.ManifestHead;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.http.UnusableResponseException;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parent behaviours the fixture does not produce, scripted with WireMock. */
class ExoticParentTest {
  private static final RepositoryName REPO = RepositoryName.of("r");
  private static final byte[] BLOB = "0123456789abcdefghijklmnopqrstuvwxyz".repeat(100).getBytes(StandardCharsets.US_ASCII);
  private static final Digest DIGEST = Digest.sha256(BLOB);
  private static final String BLOB_PATH = "/v2/r/blobs/" + DIGEST;

  private final WireMockServer parent = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private final WireMockServer storage = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
  private RetryPolicy retry;
  private RegistryClient client;

  @BeforeEach
  void start() {
    parent.start();
    storage.start();
    retry = new RetryPolicy(new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(3)),
        Clock.systemUTC());
    client = client(retry);
  }

  private RegistryClient client(RetryPolicy policy) {
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(parent.baseUrl(), null, null);
    return new RegistryClient(ParentHttpClient.create(endpoint, 2, HttpClients.DEFAULT_STALL_TIMEOUT, Clock.systemUTC()),
        HttpUrl.get(parent.baseUrl()), policy, 2);
  }

  @AfterEach
  void stop() {
    parent.stop();
    storage.stop();
  }

  private byte[] readAll(BlobStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[333];
    for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Test
  void aParentThatIgnoresRangeIsReadFromTheRightOffset() throws Exception {
    parent.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(200).withBody(BLOB)));

    try (BlobStream in = client.openBlob(REPO, DIGEST, 1000, 500)) {
      assertThat(readAll(in)).isEqualTo(Arrays.copyOfRange(BLOB, 1000, 1500));
    }
  }

  @Test
  void aPartialResponseForTheWrongRangeIsRefusedWithoutRetrying() {
    parent.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(206)
        .withHeader("Content-Range", "bytes 0-499/" + BLOB.length).withBody(Arrays.copyOf(BLOB, 500))));

    assertThatThrownBy(() -> retry.execute(() -> client.openBlob(REPO, DIGEST, 1000, 500)))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("asked for bytes from 1000");
    parent.verify(1, getRequestedFor(urlPathEqualTo(BLOB_PATH)));
  }

  @Test
  void anOversizedManifestIsRefusedWithoutRetrying() {
    parent.stubFor(get(urlPathEqualTo("/v2/r/manifests/v1")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .withBody(new byte[ManifestParser.MAX_MANIFEST_BYTES + 1])));

    assertThatThrownBy(() -> client.getManifest(REPO, Reference.parse("v1")))
        .isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("larger than " + ManifestParser.MAX_MANIFEST_BYTES + " bytes");
    parent.verify(1, getRequestedFor(urlPathEqualTo("/v2/r/manifests/v1")));
  }

  @Test
  void aListingThatIsNotJsonIsNotRetried() {
    parent.stubFor(get(urlPathEqualTo("/v2/r/tags/list"))
        .willReturn(aResponse().withStatus(200).withBody("<html>down for maintenance</html>")));

    assertThatThrownBy(() -> client.tags(REPO)).isInstanceOf(JsonProcessingException.class);
    parent.verify(1, getRequestedFor(urlPathEqualTo("/v2/r/tags/list")));
  }

  @Test
  void aTokenResponseWithoutATokenIsNotRetried() {
    parent.stubFor(get(urlPathEqualTo("/v2/")).willReturn(aResponse().withStatus(401)
        .withHeader("WWW-Authenticate", "Bearer realm=\"" + parent.baseUrl() + "/token\",service=\"x\"")));
    parent.stubFor(get(urlPathEqualTo("/token"))
        .willReturn(aResponse().withStatus(200).withBody("{\"expires_in\":60}")));

    assertThatThrownBy(client::ping).isInstanceOf(UnusableResponseException.class)
        .hasMessageContaining("neither token nor access_token");
    parent.verify(1, getRequestedFor(urlPathEqualTo("/token")));
  }

  @Test
  void aHeadWithoutDockerContentDigestGivesNoDigest() throws Exception {
    parent.stubFor(head(urlPathEqualTo("/v2/r/manifests/v1")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json").withHeader("Content-Length", "10")));

    ManifestHead head = client.headManifest(REPO, Reference.parse("v1"));

    assertThat(head.digest()).isEmpty();
    assertThat(head.size()).isEqualTo(10);
  }

  @Test
  void absoluteLinksAreFollowed() throws Exception {
    parent.stubFor(get(urlPathEqualTo("/v2/_catalog")).inScenario("pages").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withBody("{\"repositories\":[\"a\",\"b\"]}")
            .withHeader("Link", "<" + parent.baseUrl() + "/v2/_catalog?last=b&n=2>; rel=\"next\""))
        .willSetStateTo("second"));
    parent.stubFor(get(urlPathEqualTo("/v2/_catalog")).inScenario("pages").whenScenarioStateIs("second")
        .willReturn(aResponse().withStatus(200).withBody("{\"repositories\":[\"c\"]}")));

    assertThat(client.repositories()).extracting(RepositoryName::value).containsExactly("a", "b", "c");
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    List<Duration> waits = new ArrayList<>();
    RetryPolicy recording = new RetryPolicy(
        new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(2)),
        Clock.fixed(now, ZoneOffset.UTC), waits::add, () -> 1.0);
    String in90Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atZone(ZoneOffset.UTC));
    parent.stubFor(get(urlPathEqualTo("/v2/r/tags/list")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503).withHeader("Retry-After", in90Seconds)).willSetStateTo("ok"));
    parent.stubFor(get(urlPathEqualTo("/v2/r/tags/list")).inScenario("busy").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withBody("{\"name\":\"r\",\"tags\":[\"v1\"]}")));

    assertThat(client(recording).tags(REPO)).hasSize(1);
    parent.verify(2, getRequestedFor(urlPathEqualTo("/v2/r/tags/list")));
    assertThat(waits).containsExactly(Duration.ofSeconds(90));
  }

  @Test
  void anExpiredSignedUrlIsRetriedThroughTheParent() throws Exception {
    parent.stubFor(get(BLOB_PATH).willReturn(aResponse().withStatus(307)
        .withHeader("Location", storage.baseUrl() + "/signed/blob?sig=abc")));
    storage.stubFor(get(urlPathEqualTo("/signed/blob")).inScenario("sig").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(403).withBody("<Error><Code>AuthenticationFailed</Code></Error>"))
        .willSetStateTo("fresh"));
    storage.stubFor(get(urlPathEqualTo("/signed/blob")).inScenario("sig").whenScenarioStateIs("fresh")
        .willReturn(aResponse().withStatus(206).withHeader("Content-Range", "bytes 0-99/" + BLOB.length)
            .withBody(Arrays.copyOf(BLOB, 100))));

    byte[] got = retry.execute(() -> {
      try (BlobStream in = client.openBlob(REPO, DIGEST, 0, 100)) {
        return readAll(in);
      }
    });

    assertThat(got).isEqualTo(Arrays.copyOf(BLOB, 100));
    parent.verify(2, getRequestedFor(urlPathEqualTo(BLOB_PATH)));
    assertThat(storage.getAllServeEvents()).extracting(e -> e.getRequest().containsHeader("Authorization"))
        .isEqualTo(List.of(false, false));
  }
}
