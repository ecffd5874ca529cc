package dev.outpost.agent.runtime;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncPass;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.parent.ParentEndpoint;
import java.net.URI;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's pass for {@code outpost run}: reads the parent (its secret files) before each
 * pass and, when the credentials or the address changed, replaces the engine, so a rotated
 * {@code parent.passwordFile} or {@code parent.connectionStringFile} is used from the next pass on
 * without a restart. When the files cannot be read (mid-rotation, say) the pass goes on with the
 * parent read before, and the reason is logged (it names the file, never the secret).
 */
final class ReloadingSyncPass implements SyncPass, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingSyncPass.class);

  private final Supplier<ParentEndpoint> parents;
  private final Function<ParentEndpoint, SyncEngine> engines;
  private ParentEndpoint current;
  private SyncEngine engine;

  ReloadingSyncPass(Supplier<ParentEndpoint> parents, Function<ParentEndpoint, SyncEngine> engines) {
    this.parents = parents;
    this.engines = engines;
    this.current = parents.get();
    this.engine = engines.apply(current);
  }

  @Override
  public synchronized SyncReport runOnce(SyncListener listener, BooleanSupplier stopRequested) {
    refresh();
    return engine.runOnce(listener, stopRequested);
  }

  private void refresh() {
    ParentEndpoint latest;
    try {
      latest = parents.get();
    } catch (ConfigException e) {
      LOG.warn("syncing with the parent settings read before: {}", e.getMessage());
      return;
    }
    if (!latest.equals(current)) {
      LOG.info("the parent's settings changed; the next requests use them ({})", latest);
      SyncEngine previous = engine;
      engine = engines.apply(latest);
      current = latest;
      previous.close();
    }
  }

  /** The parent as read for the last pass. */
  synchronized ParentEndpoint parent() {
    return current;
  }

  /** The parent address that served the last pass (see {@link SyncEngine#servedBy}). */
  synchronized Optional<URI> servedBy() {
    return engine.servedBy();
  }

  @Override
  public synchronized void close() {
    engine.close();
  }
}
