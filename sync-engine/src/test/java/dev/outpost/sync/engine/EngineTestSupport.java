package dev.outpost.sync.engine;

import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Platform;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A parent fixture over real HTTP, a real RocksDB store in a temp dir, and helpers to run passes. */
abstract class EngineTestSupport {
  static final RetrySettings FAST_RETRIES =
      new RetrySettings(5, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5));

  @TempDir
  Path dataDir;

  final ParentRegistryFixture parent = ParentRegistryFixture.start();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private LocalStore store;

  LocalStore store() {
    if (store == null) {
      store = RocksLocalStore.open(dataDir);
    }
    return store;
  }

  /** Closes the store; the next {@link #store()} opens the same directory again, as a new process would. */
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  @AfterEach
  void closeAll() {
    if (store != null) {
      store.close();
    }
    parent.close();
  }

  static SyncSettings settings(String... patterns) {
    return settings(List.of(), Duration.ofSeconds(20), patterns);
  }

  static SyncSettings settings(List<Platform> platforms, String... patterns) {
    return settings(platforms, Duration.ofSeconds(20), patterns);
  }

  /** One-megabyte chunks (so small images span several), four at once, fast retries. */
  static SyncSettings settings(List<Platform> platforms, Duration stallTimeout, String... patterns) {
    return new SyncSettings(Arrays.stream(patterns).map(RepositoryPattern::parse).toList(), platforms,
        1, 4, FAST_RETRIES, stallTimeout);
  }

  SyncReport sync(SyncSettings settings) {
    return sync(settings, ParentEndpoint.fromUrl(parent.url(), null, null), () -> false);
  }

  SyncReport sync(SyncSettings settings, ParentEndpoint endpoint, BooleanSupplier stop) {
    try (SyncEngine engine = new SyncEngine(endpoint, settings, store(), meters, Clock.systemUTC())) {
      return engine.runOnce(SyncListener.NONE, stop);
    }
  }
}
