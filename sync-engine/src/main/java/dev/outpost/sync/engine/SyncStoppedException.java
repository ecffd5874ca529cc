package dev.outpost.sync.engine;

/** The pass was asked to stop (window end, shutdown); progress up to the last chunk is durable. */
public final class SyncStoppedException extends RuntimeException {
  public SyncStoppedException() {
    super("sync stopped on request", null, false, false);
  }
}
