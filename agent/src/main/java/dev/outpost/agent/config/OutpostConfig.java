package dev.outpost.agent.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/**
 * The whole configuration file. Only {@code storage.path} is required: a site with no {@code parent}
 * (no link) serves what it has and imports bundles ({@code import}); it never syncs. {@code notify}
 * names webhooks told of passes and images.
 */
public record OutpostConfig(
    StorageConfig storage, ParentConfig parent, SyncConfig sync, ServeConfig serve, AdminConfig admin,
    StoreConfig store, @JsonProperty("import") ImportConfig imports,
    @JsonProperty("notify") NotifyConfig notifications) {

  public OutpostConfig {
    if (storage == null) {
      throw new ConfigValueException("storage.path", StorageConfig.REQUIRED);
    }
    sync = sync == null ? SyncConfig.defaults() : sync;
    serve = serve == null ? ServeConfig.defaults() : serve;
    admin = admin == null ? AdminConfig.defaults() : admin;
    store = store == null ? StoreConfig.defaults() : store;
    imports = imports == null ? ImportConfig.defaults() : imports;
    notifications = notifications == null ? NotifyConfig.defaults() : notifications;
  }

  /** Without a {@code notify:} section. */
  public OutpostConfig(StorageConfig storage, ParentConfig parent, SyncConfig sync, ServeConfig serve,
      AdminConfig admin, StoreConfig store, ImportConfig imports) {
    this(storage, parent, sync, serve, admin, store, imports, null);
  }

  /** Without an {@code import:} section. */
  public OutpostConfig(StorageConfig storage, ParentConfig parent, SyncConfig sync, ServeConfig serve,
      AdminConfig admin, StoreConfig store) {
    this(storage, parent, sync, serve, admin, store, null);
  }

  /** The parent, if this Outpost syncs from one (a root Outpost only serves). */
  public Optional<ParentConfig> parentIfConfigured() {
    return Optional.ofNullable(parent).filter(ParentConfig::isConfigured);
  }
}
