package dev.outpost.sync.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.LoggedRequest;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.source.BlobStream;
import dev.outpost.sync.registry.RegistryClient;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Auth over real HTTP against the parent fixture: redirects, Basic, Bearer, token expiry. */
class RedirectAndTokenTest {
  private final ParentRegistryFixture parent = ParentRegistryFixture.start();
  private final Image image = new RandomImages(3).ociImage(4096);
  private final RepositoryName repo = RepositoryName.of("library/hello");

  @AfterEach
  void stop() {
    parent.close();
  }

  private RegistryClient client() {
    RetryPolicy retry = new RetryPolicy(new RetrySettings(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)),
        Clock.systemUTC());
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(parent.url(), "sync", "pw");
    return RegistryClient.forParent(endpoint, 4, HttpClients.DEFAULT_STALL_TIMEOUT, retry, Clock.systemUTC());
  }

  private void readLayer(RegistryClient client) throws Exception {
    try (BlobStream in = client.openBlob(repo, Digest.sha256(image.layers().get(0)), 0, 4096)) {
      assertThat(in.read(new byte[4096], 0, 4096)).isEqualTo(4096);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"basic", "bearer"})
  void aRedirectToAnotherPortNeverCarriesAuthorization(String scheme) throws Exception {
    if (scheme.equals("basic")) {
      parent.requireBasic("sync", "pw");
    } else {
      parent.requireBearer("sync", "pw");
    }
    parent.push(repo.value(), "v1", image).redirectBlobsToStorage();
    RegistryClient client = client();
    client.ping();

    readLayer(client);

    assertThat(parent.requests()).filteredOn(r -> r.server().equals("storage")).hasSize(1)
        .allSatisfy(r -> assertThat(r.hadAuthorization()).isFalse());
    assertThat(parent.requests()).filteredOn(r -> r.server().equals("registry") && r.path().contains("/blobs/"))
        .allSatisfy(r -> assertThat(r.hadAuthorization()).isTrue());
  }

  @Test
  void plainClientAlsoDropsAuthorizationOnCrossPortRedirect() throws Exception {
    parent.push(repo.value(), "v1", image).redirectBlobsToStorage();
    Request request = new Request.Builder()
        .url(parent.url() + "/v2/" + repo + "/blobs/" + Digest.sha256(image.layers().get(0)))
        .header("Authorization", "Basic c3luYzpwdw==").build();

    try (Response response = HttpClients.plain(2, HttpClients.DEFAULT_STALL_TIMEOUT).newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }
    assertThat(parent.requests()).filteredOn(r -> r.server().equals("storage"))
        .singleElement().satisfies(r -> assertThat(r.hadAuthorization()).isFalse());
  }

  @Test
  void bearerTokensAreFetchedOncePerScopeAndReusedUpFront() throws Exception {
    parent.requireBearer("sync", "pw").push(repo.value(), "v1", image);
    RegistryClient client = client();

    for (int i = 0; i < 3; i++) {
      readLayer(client);
    }

    assertThat(parent.requests()).filteredOn(r -> r.path().equals("/token")).hasSize(1)
        .allSatisfy(r -> {
          assertThat(r.query()).contains("scope=repository%3Alibrary%2Fhello%3Apull").contains("service=fixture");
          assertThat(r.authorizationScheme()).contains("Basic");
        });
    assertThat(parent.requests()).filteredOn(r -> r.path().contains("/blobs/"))
        .extracting(LoggedRequest::authorizationScheme).map(o -> o.orElse("-")).containsExactly("-", "Bearer", "Bearer", "Bearer");
  }

  @Test
  void aTokenThatExpiresMidTransferIsRefreshed() throws Exception {
    parent.requireBearer("sync", "pw").expireTokensAfterRequests(2).push(repo.value(), "v1", image);
    RegistryClient client = client();

    for (int i = 0; i < 5; i++) {
      readLayer(client);
    }

    assertThat(parent.requests()).filteredOn(r -> r.path().equals("/token")).hasSizeGreaterThanOrEqualTo(3);
  }
}
