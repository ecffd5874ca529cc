package dev.outpost.agent.runtime;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;

/**
 * The one way the agent opens its store: at {@code storage.path}, keeping {@code store.reserve}
 * free for the index (so every command opens the store on a full disk the same way).
 */
public final class Stores {
  private Stores() {}

  public static LocalStore open(OutpostConfig config) {
    return RocksLocalStore.open(config.storage().path(), config.store().reserveFor(config.storage().path()));
  }
}
