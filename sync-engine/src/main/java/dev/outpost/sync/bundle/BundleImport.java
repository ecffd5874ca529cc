package dev.outpost.sync.bundle;

import dev.outpost.store.LocalStore;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Imports bundle parts into the store through the sync engine, with the bundle as the content
 * source. (Skeleton: the import side of issue 8 builds it.)
 */
public final class BundleImport {
  private BundleImport() {}

  /**
   * Imports {@code paths} (parts, as directories or tars, or directories holding parts) into
   * {@code store}; {@code settings} carries the site's rules (platforms, tag rules) and chunking.
   */
  public static ImportReport run(List<Path> paths, LocalStore store, SyncSettings settings, SyncListener listener,
      BooleanSupplier stopRequested, MeterRegistry meters, Clock clock) throws IOException {
    throw new UnsupportedOperationException("bundle import is not built yet");
  }
}
