package dev.outpost.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.testing.JwtTokenServer;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.sync.auth.ParentCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's docker-registry with token auth as the parent: it challenges with {@code Bearer}, the
 * test's {@link JwtTokenServer} issues RS256 JWTs (x5c to the root in {@code rootcertbundle}) that
 * the registry verifies, and the sync user is granted pull on {@code team/app} only. The engine
 * follows the challenge with its Basic credentials to the realm and syncs; a repository the token
 * server does not grant fails as refused, and wrong credentials are refused at the realm. A password
 * rotated mid-pass is read again when the realm rejects the old one, and the pass goes on.
 */
class RealRegistryTokenAuthTest extends EngineTestSupport {
  private static final String SERVICE = "outpost-test-registry";
  private final RandomImages images = new RandomImages(7);

  @Test
  void syncsThroughTheTokenServerOnlyWhatItGrants(@TempDir Path work) throws Exception {
    Skopeo skopeo = Skopeo.require();
    try (JwtTokenServer tokens = JwtTokenServer.start(work, Map.of("pusher", "push-pw", "sync", "sync-pw"),
        (user, access) -> user.equals("pusher") || access.equals("repository:team/app:pull"));
        DockerRegistryProcess registry = DockerRegistryProcess.startWithAuth(work.resolve("registry"),
            tokens.registryAuthYaml(SERVICE))) {
      Image app = images.ociImage(3000);
      skopeo.withCredentials("pusher", "push-pw").push(app, registry.hostPort(), "team/app", "v1");
      skopeo.withCredentials("pusher", "push-pw").push(images.ociImage(3000), registry.hostPort(), "team/secret", "v1");

      SyncReport report = sync(settings("team/app", "team/secret"),
          ParentEndpoint.fromUrl(registry.url(), "sync", "sync-pw"), () -> false);

      assertThat(report.repositories()).filteredOn(RepoResult::ok).extracting(r -> r.repository().value())
          .containsExactly("team/app");
      assertThat(store().tags(RepositoryName.of("team/app"))).containsExactly(Tag.of("v1"));
      assertThat(store().manifest(RepositoryName.of("team/app"), app.digest())).isPresent();
      assertThat(report.failed()).extracting(r -> r.repository().value()).containsExactly("team/secret");
      assertThat(tokens.requests()).anyMatch(q -> q.contains("service=" + SERVICE) && q.contains("team%2Fapp"));

      SyncReport refused = sync(settings("team/app"), ParentEndpoint.fromUrl(registry.url(), "sync", "wrong"), () -> false);
      assertThat(refused.parentReachable()).isFalse();
      assertThat(refused.parentFailure().orElseThrow().reason()).containsIgnoringCase("credentials");
    }
  }

  @Test
  void aPasswordRotatedMidPassIsReadAgainWhenTheRealmRejectsTheOldOne(@TempDir Path work) throws Exception {
    Skopeo skopeo = Skopeo.require();
    List<String> repositories = List.of("team/one", "team/two", "team/three");
    try (JwtTokenServer tokens = JwtTokenServer.start(work, Map.of("pusher", "push-pw", "sync", "first"), (user, access) -> true);
        DockerRegistryProcess registry = DockerRegistryProcess.startWithAuth(work.resolve("registry"),
            tokens.registryAuthYaml(SERVICE))) {
      for (String repository : repositories) {
        skopeo.withCredentials("pusher", "push-pw").push(images.ociImage(3000), registry.hostPort(), repository, "v1");
      }
      Path passwordFile = Files.writeString(work.resolve("password"), "first");
      ParentEndpoint parent = ParentEndpoint.fromUrl(registry.url(), "sync", "first").withCredentialReader(() -> {
        try {
          return Optional.of(new ParentCredentials("sync", Files.readString(passwordFile)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      // One repository at a time: each asks the realm for a token of its own scope, two of them after the rotation.
      SyncSettings oneAtATime = new SyncSettings(repositories.stream().map(RepositoryPattern::parse).toList(), List.of(),
          1, 1, FAST_RETRIES, Duration.ofSeconds(20));
      AtomicBoolean rotated = new AtomicBoolean();
      SyncListener rotateAfterFirst = new SyncListener() {
        @Override
        public void repositoryFinished(RepoResult result) {
          if (rotated.compareAndSet(false, true)) {
            tokens.changePassword("sync", "second");
            try {
              Files.writeString(passwordFile, "second");
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      };

      SyncReport report;
      try (SyncEngine engine = new SyncEngine(parent, oneAtATime, store(), meters, java.time.Clock.systemUTC())) {
        report = engine.runOnce(rotateAfterFirst, () -> false);
      }

      assertThat(report.complete()).as(report.toString()).isTrue();
      assertThat(report.repositories()).hasSize(3).allMatch(RepoResult::ok);
    }
  }
}
