package dev.outpost.agent.runtime;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.config.SyncConfig;
import dev.outpost.store.LocalStore;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.RetrySettings;
import dev.outpost.sync.parent.ParentEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Builds the sync engine from the configuration. */
public final class EngineFactory {
  private EngineFactory() {}

  public static SyncEngine engine(OutpostConfig config, ParentEndpoint parent, LocalStore store,
      MeterRegistry meters, Clock clock) {
    SyncConfig sync = config.sync();
    SyncSettings settings = new SyncSettings(sync.repositories(), sync.platforms(), sync.chunkSizeMb(),
        sync.concurrency(), RetrySettings.defaults(), sync.stallTimeout());
    return new SyncEngine(parent, settings, store, meters, clock);
  }
}
