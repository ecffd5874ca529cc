package dev.outpost.agent.runtime;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.LocalStore;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.TagWatermarks;
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

  /** An engine keeping ACR tag watermarks in {@code watermarks}, which outlive it. */
  public static SyncEngine engine(OutpostConfig config, ParentEndpoint parent, LocalStore store,
      MeterRegistry meters, Clock clock, TagWatermarks watermarks) {
    return new SyncEngine(parent, config.sync().settings(), store, meters, clock, watermarks);
  }
}
