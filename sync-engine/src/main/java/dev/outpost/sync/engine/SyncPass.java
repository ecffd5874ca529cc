package dev.outpost.sync.engine;

import java.util.function.BooleanSupplier;

/** One sync pass, as the scheduler sees it ({@link SyncEngine} is one). */
@FunctionalInterface
public interface SyncPass {
  SyncReport runOnce(SyncListener listener, BooleanSupplier stopRequested);
}
