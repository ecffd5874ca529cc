package dev.outpost.agent.cli;

import dev.outpost.agent.admin.AdminClient;
import dev.outpost.agent.admin.AdminSecret;
import dev.outpost.agent.admin.AdminUnavailableException;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.store.LocalStore;
import dev.outpost.store.StoreLockedException;
import dev.outpost.agent.runtime.Stores;
import java.util.function.Function;

/**
 * Runs a CLI operation on the store directly when no Outpost holds it, and otherwise through the
 * running Outpost's admin API: RocksDB admits one process, and {@code token}, {@code status},
 * {@code gc} and {@code verify} must work whether or not {@code outpost run} is running. The one
 * place those commands decide between the two.
 */
public final class StoreAccess {
  private final OutpostConfig config;

  public StoreAccess(OutpostConfig config) {
    this.config = config;
  }

  public <T> T apply(Function<LocalStore, T> direct, Function<? super AdminClient, T> viaAdmin) {
    LocalStore store;
    try {
      store = Stores.open(config);
    } catch (StoreLockedException locked) {
      AdminClient admin = new AdminClient(config.admin().listen(), AdminSecret.read(config.storage().path()));
      try {
        return viaAdmin.apply(admin);
      } catch (AdminUnavailableException unavailable) {
        // Both halves matter: why the store could not be opened, and why the process holding it
        // could not be asked instead (an 'outpost sync --once' has no admin API).
        throw new AdminUnavailableException("the store " + config.storage().path()
            + " is in use by another Outpost process, and " + unavailable.getMessage(), unavailable);
      }
    }
    try (store) {
      return direct.apply(store);
    }
  }
}
