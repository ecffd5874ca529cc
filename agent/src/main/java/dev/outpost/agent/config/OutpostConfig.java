package dev.outpost.agent.config;

import java.util.Optional;

/** The whole configuration file. Only {@code storage.path} is required. */
public record OutpostConfig(
    StorageConfig storage, ParentConfig parent, SyncConfig sync, ServeConfig serve, AdminConfig admin,
    StoreConfig store) {

  public OutpostConfig {
    if (storage == null) {
      throw new ConfigValueException("storage.path", StorageConfig.REQUIRED);
    }
    sync = sync == null ? SyncConfig.defaults() : sync;
    serve = serve == null ? ServeConfig.defaults() : serve;
    admin = admin == null ? AdminConfig.defaults() : admin;
    store = store == null ? StoreConfig.defaults() : store;
  }

  /** The parent, if this Outpost syncs from one (a root Outpost only serves). */
  public Optional<ParentConfig> parentIfConfigured() {
    return Optional.ofNullable(parent).filter(ParentConfig::isConfigured);
  }
}
