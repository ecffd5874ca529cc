package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.testing.JwtTokenServer;
import dev.outpost.sync.testing.TestCa;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's docker-registry serving HTTPS (a test CA) with token auth, as the parent: when its
 * challenge names a plain-http realm, the engine refuses to send the sync credentials there (they
 * would cross the network in clear), says why, and syncs nothing; the token server hears nothing.
 * The same registry setup with an https realm syncs, so the refusal is about the realm's scheme.
 */
class RealRegistryRealmDowngradeTest extends EngineTestSupport {
  private static final String SERVICE = "outpost-test-registry";
  private static final Map<String, String> USERS = Map.of("pusher", "push-pw", "sync", "sync-pw");
  private static final BiPredicate<String, String> GRANTS = (user, access) -> true;
  private final RandomImages images = new RandomImages(17);

  @TempDir
  Path work;

  @Test
  void anHttpRealmNamedByAnHttpsParentGetsNoCredentials() throws Exception {
    TestCa ca = TestCa.create(work);
    try (JwtTokenServer tokens = JwtTokenServer.start(work, USERS, GRANTS);
        DockerRegistryProcess registry = httpsRegistry(ca, tokens, "registry")) {
      skopeo().push(images.ociImage(3000), registry.hostPort(), "team/app", "v1");
      int tokenRequestsBefore = tokens.requests().size();
      int authorizedBefore = tokens.requestsWithAuthorization();

      SyncReport report = sync(settings("team/app"), parent(registry, ca), () -> false);

      assertThat(report.parentReachable()).isFalse();
      // The parent answered: a credentials failure (exit 6, status "failed"), not an unreachable parent.
      assertThat(report.parentFailure().orElseThrow().kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
      assertThat(report.parentFailure().orElseThrow().reason()).startsWith("credentials not sent: ")
          .contains(tokens.realm()).contains("(https)").contains("over plain http; credentials are not sent in clear");
      assertThat(tokens.requests()).hasSize(tokenRequestsBefore);
      assertThat(tokens.requestsWithAuthorization()).isEqualTo(authorizedBefore);
      assertThat(store().tags(RepositoryName.of("team/app"))).isEmpty();
    }
  }

  @Test
  void anHttpsRealmNamedByAnHttpsParentIsFollowed() throws Exception {
    TestCa ca = TestCa.create(work);
    try (JwtTokenServer tokens = JwtTokenServer.startHttps(work, USERS, GRANTS, ca);
        DockerRegistryProcess registry = httpsRegistry(ca, tokens, "registry")) {
      Image app = images.ociImage(3000);
      skopeo().push(app, registry.hostPort(), "team/app", "v1");

      SyncReport report = sync(settings("team/app"), parent(registry, ca), () -> false);

      assertThat(report.complete()).as(report.toString()).isTrue();
      assertThat(store().tags(RepositoryName.of("team/app"))).containsExactly(Tag.of("v1"));
      assertThat(store().manifest(RepositoryName.of("team/app"), app.digest())).isPresent();
      assertThat(tokens.requests()).anyMatch(q -> q.contains("service=" + SERVICE) && q.contains("team%2Fapp"));
    }
  }

  private static DockerRegistryProcess httpsRegistry(TestCa ca, JwtTokenServer tokens, String dir) throws Exception {
    return DockerRegistryProcess.startWithAuth(ca.caFile().getParent().resolve(dir), tokens.registryAuthYaml(SERVICE),
        new DockerRegistryProcess.Tls(ca.serverCertificate(), ca.serverKey()));
  }

  private static Skopeo skopeo() {
    return Skopeo.require().withCredentials("pusher", "push-pw");
  }

  /** The sync user, trusting the test CA (as {@code parent.caFile} does). */
  private static ParentEndpoint parent(DockerRegistryProcess registry, TestCa ca) {
    assertThat(registry.url()).startsWith("https://");
    return ParentEndpoint.fromUrl(registry.url(), "sync", "sync-pw")
        .withTransport(new Transport(TlsTrust.withCaFile(ca.caFile()), EnvironmentProxies.none()));
  }
}
