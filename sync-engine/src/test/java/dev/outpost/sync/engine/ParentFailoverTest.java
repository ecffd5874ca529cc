package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A parent with several addresses in priority order: a pass uses the first that answers, passes
 * over an address that is down (connection refused, 5xx), and goes back to the first once it is up.
 */
class ParentFailoverTest extends EngineTestSupport {
  private final ParentRegistryFixture replica = ParentRegistryFixture.start();
  private final Image image = new RandomImages(7).ociImage(100_000);

  @AfterEach
  void stopReplica() {
    replica.close();
  }

  private long v2Requests(ParentRegistryFixture registry) {
    return registry.requests().stream().filter(r -> r.path().startsWith("/v2/")).count();
  }

  @Test
  void aFirstAddressAnswering5xxIsPassedOverAndUsedAgainWhenItRecovers() {
    parent.push("app", "v1", image);
    replica.push("app", "v1", image);
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(parent.url(), null, null).withFallbacks(List.of(replica.url()));

    parent.failNext(1, 503);
    SyncReport down = sync(settings("app"), endpoint, () -> false);
    assertThat(down.complete()).as(down.toString()).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("app"), Tag.of("v1"))).isPresent();
    assertThat(v2Requests(replica)).as("the replica served the pass").isGreaterThan(1);

    parent.clearRequests();
    replica.clearRequests();
    SyncReport back = sync(settings("app"), endpoint, () -> false);
    assertThat(back.complete()).as(back.toString()).isTrue();
    assertThat(v2Requests(parent)).as("the first address serves again").isGreaterThan(1);
    assertThat(v2Requests(replica)).isZero();
  }

  @Test
  void aFirstAddressRefusingConnectionsIsPassedOver() throws IOException {
    replica.push("app", "v1", image);
    ParentEndpoint endpoint = ParentEndpoint.fromUrl("http://127.0.0.1:" + closedPort(), null, null)
        .withFallbacks(List.of(replica.url()));

    SyncReport report = sync(settings("app"), endpoint, () -> false);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("app"), Tag.of("v1"))).isPresent();
  }

  @Test
  void refusedCredentialsAreReportedNotHiddenByAnotherAddress() {
    parent.requireBasic("sync", "right");
    replica.push("app", "v1", image);
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(parent.url(), "sync", "wrong").withFallbacks(List.of(replica.url()));

    SyncReport report = sync(settings("app"), endpoint, () -> false);

    assertThat(report.parentFailure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
      assertThat(f.reason()).contains("127.0.0.1:" + parent.port());
    });
    assertThat(v2Requests(replica)).isZero();
  }

  @Test
  void credentialsRefusedByTheLastAddressAfterADownOneAreReportedAsRefusedNotUnreachable() throws IOException {
    replica.requireBasic("sync", "right");
    replica.push("app", "v1", image);
    ParentEndpoint endpoint = ParentEndpoint.fromUrl("http://127.0.0.1:" + closedPort(), "sync", "wrong")
        .withFallbacks(List.of(replica.url()));

    SyncReport report = sync(settings("app"), endpoint, () -> false);

    assertThat(report.parentFailure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
      assertThat(f.reason()).doesNotContain("cannot reach").contains("user 'sync'").contains("127.0.0.1:" + replica.port());
    });
  }

  @Test
  void everyAddressDownNamesThemAll() throws IOException {
    int closed = closedPort();
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(parent.url(), null, null)
        .withFallbacks(List.of("http://127.0.0.1:" + closed));
    parent.failNext(1, 503);

    SyncReport report = sync(settings("app"), endpoint, () -> false);

    assertThat(report.parentFailure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(ParentFailure.Kind.UNREACHABLE);
      assertThat(f.reason()).contains("cannot reach the parent " + parent.url() + " or http://127.0.0.1:" + closed)
          .contains("503");
    });
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
