package dev.outpost.agent.runtime;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.LocalStore;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.parent.ParentEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Builds the sync engine from the configuration. */
public final class EngineFactory {
  private EngineFactory() {}

  public static SyncEngine engine(OutpostConfig config, ParentEndpoint parent, LocalStore store,
      MeterRegistry meters, Clock clock) {
    return new SyncEngine(parent, config.sync().settings(), store, meters, clock);
  }
}
