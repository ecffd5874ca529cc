package dev.outpost.sync.registry;

import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.ParentException;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
  private final ParentRegistryFixture parent = ParentRegistryFixture.start();
  private final RandomImages images = new RandomImages(7);

  @AfterEach
  void stop() {
    parent.close();
  }

  private RegistryClient client(int pageSize, String user, String password) {
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(parent.url(), user, password);
    RetryPolicy retry = new RetryPolicy(new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(2)),
        Clock.systemUTC());
    return new RegistryClient(ParentHttpClient.create(endpoint, 4, HttpClients.DEFAULT_STALL_TIMEOUT, Clock.systemUTC()),
        HttpUrl.get(parent.url()), retry, pageSize);
  }

  @Test
  void followsLinkPaginationForCatalogAndTags() throws Exception {
    Image image = images.ociImage(10);
    for (String repo : List.of("a", "b/c", "d", "e", "f")) {
      parent.push(repo, "v1", image);
    }
    for (String tag : List.of("t1", "t2", "t3", "t4", "t5")) {
      parent.push("a", tag, image);
    }
    RegistryClient client = client(2, null, null);

    assertThat(client.repositories()).extracting(RepositoryName::value).containsExactly("a", "b/c", "d", "e", "f");
    assertThat(client.tags(RepositoryName.of("a"))).extracting(Tag::value).containsExactly("t1", "t2", "t3", "t4", "t5", "v1");
    assertThat(parent.requests()).filteredOn(r -> r.path().equals("/v2/_catalog")).hasSize(3);
  }

  @Test
  void headGivesTheDigestAndGetGivesTheExactBytes() throws Exception {
    Image image = images.dockerImage(10);
    parent.push("library/hello", "latest", image);
    RegistryClient client = client(100, null, null);
    RepositoryName repo = RepositoryName.of("library/hello");

    ManifestHead head = client.headManifest(repo, Reference.parse("latest"));
    FetchedManifest got = client.getManifest(repo, new Reference.ByDigest(image.digest()));

    assertThat(head.digest()).contains(image.digest());
    assertThat(got.bytes()).isEqualTo(image.manifest().bytes());
    assertThat(got.contentType()).isEqualTo(image.manifest().contentType());
    assertThat(parent.requests()).filteredOn(r -> r.path().contains("/manifests/"))
        .allSatisfy(r -> assertThat(r.headers().get("accept")).contains("application/vnd.oci.image.index.v1+json")
            .contains("application/vnd.docker.distribution.manifest.list.v2+json"));
  }

  @Test
  void readsABlobRange() throws Exception {
    Image image = images.ociImage(5000);
    parent.push("r", "v", image);
    byte[] layer = image.layers().get(0);
    RegistryClient client = client(100, null, null);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (BlobStream in = client.openBlob(RepositoryName.of("r"), Digest.sha256(layer), 1000, 2000)) {
      byte[] buffer = new byte[700];
      for (int n; (n = in.read(buffer, 0, buffer.length)) > 0; ) {
        out.write(buffer, 0, n);
      }
    }

    assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(layer, 1000, 3000));
    assertThat(parent.requests()).filteredOn(LoggedRequest::isBlobRequest).extracting(r -> r.range().orElse(""))
        .containsExactly("bytes=1000-2999");
  }

  @Test
  void errorsNameWhatWasAttemptedAndTheSpecCode() {
    parent.push("r", "v", images.ociImage(10));
    RegistryClient client = client(100, null, null);

    ParentException e = catchThrowableOfType(ParentException.class,
        () -> client.getManifest(RepositoryName.of("r"), Reference.parse("missing")));

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.errorCode()).contains("MANIFEST_UNKNOWN");
    assertThat(e.getMessage()).startsWith("Tried to fetch manifest missing of r from " + parent.url() + "/v2/r/manifests/missing: HTTP 404");
  }

  @Test
  void basicCredentialsAreSentOnlyAfterTheChallengeAndThenUpFront() throws Exception {
    parent.requireBasic("u", "p");
    parent.push("r", "v", images.ociImage(10));
    RegistryClient client = client(100, "u", "p");

    client.ping();
    client.tags(RepositoryName.of("r"));

    assertThat(parent.requests()).extracting(r -> r.authorizationScheme().orElse("-"))
        .containsExactly("-", "Basic", "Basic");
  }

  @Test
  void wrongCredentialsFailWithoutEchoingThem() {
    parent.requireBasic("u", "p");
    RegistryClient client = client(100, "u", "wrong-secret");

    ParentException e = catchThrowableOfType(ParentException.class, client::ping);

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain("wrong-secret");
  }
}
