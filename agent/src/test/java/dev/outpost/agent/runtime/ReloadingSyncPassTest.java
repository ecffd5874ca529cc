package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rotated {@code parent.passwordFile} is used from the next pass on, without a restart. */
class ReloadingSyncPassTest {
  @TempDir
  Path dir;

  @Test
  void theNextPassReadsTheRotatedPassword() throws Exception {
    try (ParentRegistryFixture parent = ParentRegistryFixture.start()) {
      parent.push("team/app", "1.0", new RandomImages(7).ociImage(4096)).requireBasic("sync", "first");
      Path passwordFile = Files.writeString(dir.resolve("password"), "first\n");
      OutpostConfig config = configWithPasswordFile(parent, passwordFile);
      try (LocalStore store = RocksLocalStore.open(config.storage().path());
          ReloadingSyncPass pass = reloadingPass(config, store)) {
        SyncReport first = pass.runOnce(SyncListener.NONE, () -> false);

        parent.requireBasic("sync", "second");
        SyncReport withTheOldPassword = pass.runOnce(SyncListener.NONE, () -> false);
        Files.writeString(passwordFile, "second\n");
        SyncReport afterRotation = pass.runOnce(SyncListener.NONE, () -> false);

        assertThat(first.complete()).as(first.toString()).isTrue();
        assertThat(withTheOldPassword.complete()).isFalse();
        assertThat(afterRotation.complete()).as(afterRotation.toString()).isTrue();
      }
    }
  }

  @Test
  void anUnreadableFileKeepsThePasswordReadBefore() throws Exception {
    try (ParentRegistryFixture parent = ParentRegistryFixture.start()) {
      parent.push("team/app", "1.0", new RandomImages(8).ociImage(4096)).requireBasic("sync", "first");
      Path passwordFile = Files.writeString(dir.resolve("password"), "first");
      OutpostConfig config = configWithPasswordFile(parent, passwordFile);
      try (LocalStore store = RocksLocalStore.open(config.storage().path());
          ReloadingSyncPass pass = reloadingPass(config, store)) {
        Files.delete(passwordFile);

        SyncReport report = pass.runOnce(SyncListener.NONE, () -> false);

        assertThat(report.complete()).as(report.toString()).isTrue();
      }
    }
  }

  private OutpostConfig configWithPasswordFile(ParentRegistryFixture parent, Path passwordFile) throws IOException {
    Path configFile = Files.writeString(dir.resolve("outpost.yaml"), """
        storage: {path: "%s"}
        parent: {url: "%s", username: sync, passwordFile: "%s"}
        sync: {repositories: ["team/app"]}
        """.formatted(dir.resolve("store"), parent.url(), passwordFile));
    return new ConfigLoader(Map.of()).load(configFile);
  }

  private static ReloadingSyncPass reloadingPass(OutpostConfig config, LocalStore store) {
    return new ReloadingSyncPass(new ParentFactory(Map.of()).sourceOf(config).orElseThrow(),
        endpoint -> EngineFactory.engine(config, endpoint, store, new SimpleMeterRegistry(), Clock.systemUTC()));
  }
}
