package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.fixtures.DockerRegistryProcess;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.ParentFailure;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's docker-registry with htpasswd as the parent, and its password rotated in the middle of a
 * pass: after the first of three repositories, the htpasswd file gets a new password and
 * {@code parent.passwordFile} is rewritten. The parent's 401 to the old password has the file read
 * again, and the pass goes on with the new one: every repository completes, without a restart and
 * without waiting for the next pass.
 */
class MidPassRotationTest {
  private static final List<String> REPOSITORIES = List.of("team/one", "team/two", "team/three");

  @TempDir
  Path dir;

  @Test
  void aPasswordRotatedMidPassIsReadAgainOnTheParentsRefusal() throws Exception {
    Skopeo skopeo = Skopeo.require();
    RandomImages images = new RandomImages(11);
    try (DockerRegistryProcess registry = DockerRegistryProcess.startWithBasicAuth(dir.resolve("registry"), "sync", "first")) {
      for (String repository : REPOSITORIES) {
        skopeo.withCredentials("sync", "first").push(images.ociImage(4096), registry.hostPort(), repository, "v1");
      }
      Path passwordFile = Files.writeString(dir.resolve("password"), "first\n");
      OutpostConfig config = config(registry, passwordFile);
      try (LocalStore store = RocksLocalStore.open(config.storage().path());
          SyncEngine engine = EngineFactory.engine(config, new ParentFactory(java.util.Map.of()).parentOf(config).orElseThrow(), store,
              new SimpleMeterRegistry(), Clock.systemUTC())) {

        SyncReport report = engine.runOnce(rotateAfterFirstRepository(registry, passwordFile), () -> false);

        assertThat(report.complete()).as(report.toString()).isTrue();
        assertThat(report.repositories()).hasSize(3).allMatch(RepoResult::ok);
        for (String repository : REPOSITORIES) {
          assertThat(store.tags(RepositoryName.of(repository))).containsExactly(Tag.of("v1"));
        }
      }
    }
  }

  @Test
  void aPasswordFileStillHoldingTheRejectedPasswordIsReportedAsRefusedCredentials() throws Exception {
    try (DockerRegistryProcess registry = DockerRegistryProcess.startWithBasicAuth(dir.resolve("registry"), "sync", "first")) {
      Path passwordFile = Files.writeString(dir.resolve("password"), "stale\n");
      OutpostConfig config = config(registry, passwordFile);
      try (LocalStore store = RocksLocalStore.open(config.storage().path());
          SyncEngine engine = EngineFactory.engine(config, new ParentFactory(java.util.Map.of()).parentOf(config).orElseThrow(), store,
              new SimpleMeterRegistry(), Clock.systemUTC())) {

        SyncReport report = engine.runOnce(SyncListener.NONE, () -> false);

        assertThat(report.parentFailure()).hasValueSatisfying(failure -> {
          assertThat(failure.kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
          assertThat(failure.reason()).contains("refused the credentials").contains("user 'sync'")
              .doesNotContain("cannot reach").doesNotContain("stale");
        });
      }
    }
  }

  /** The rotation, as an operator does it: the parent's password first, then the Outpost's secret file. */
  private static SyncListener rotateAfterFirstRepository(DockerRegistryProcess registry, Path passwordFile) {
    AtomicBoolean rotated = new AtomicBoolean();
    return new SyncListener() {
      @Override
      public void repositoryFinished(RepoResult result) {
        if (rotated.compareAndSet(false, true)) {
          try {
            registry.changePassword("sync", "second");
            Files.writeString(passwordFile, "second\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
      }
    };
  }

  /** One repository at a time, so that two of them start after the rotation. */
  private OutpostConfig config(DockerRegistryProcess registry, Path passwordFile) throws IOException {
    Path configFile = Files.writeString(dir.resolve("outpost.yaml"), """
        storage: {path: "%s"}
        parent: {url: "%s", username: sync, passwordFile: "%s"}
        sync: {repositories: ["team/one", "team/two", "team/three"], concurrency: 1}
        """.formatted(dir.resolve("store"), registry.url(), passwordFile));
    return new ConfigLoader(Map.of()).load(configFile);
  }
}
