package dev.outpost.agent.runtime;

import dev.outpost.agent.admin.AdminEndpoints;
import dev.outpost.agent.children.ChildReportFiles;
import dev.outpost.agent.children.ChildReporter;
import dev.outpost.sync.bundle.BundleImport;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.agent.admin.AdminSecret;
import dev.outpost.agent.admin.AdminServer;
import dev.outpost.agent.config.ListenAddress;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.ServeConfig;
import dev.outpost.agent.config.TlsConfig;
import dev.outpost.agent.logging.AccessLogSetup;
import dev.outpost.agent.status.StatusCollector;
import dev.outpost.agent.status.SyncOutlook;
import dev.outpost.agent.status.SyncProgress;
import dev.outpost.agent.notify.Notifier;
import dev.outpost.sync.link.Bandwidth;
import java.time.Instant;
import dev.outpost.agent.imports.BundleImporter;
import dev.outpost.agent.imports.ImportHistory;
import dev.outpost.agent.imports.ImportWatcher;
import dev.outpost.agent.imports.RecordingImporter;
import dev.outpost.agent.tokens.StoreTokenAdmin;
import dev.outpost.serve.RegistryServer;
import dev.outpost.serve.ServeSettings;
import dev.outpost.serve.auth.AnonymousPull;
import dev.outpost.serve.auth.SigningKey;
import dev.outpost.serve.tls.TlsMaterialException;
import dev.outpost.serve.tls.TlsSettings;
import dev.outpost.store.LocalStore;
import dev.outpost.store.verify.StoreVerifier;
import dev.outpost.sync.schedule.Schedules;
import dev.outpost.sync.schedule.SyncScheduler;
import dev.outpost.agent.maintenance.PinnedRepositories;
import dev.outpost.agent.maintenance.StoreGc;
import dev.outpost.agent.maintenance.StoreQuota;
import dev.outpost.sync.engine.SyncPass;
import dev.outpost.sync.bundle.StoreInventories;
import dev.outpost.sync.engine.SyncReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import dev.outpost.agent.config.ByteSize;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import dev.outpost.sync.engine.TagWatermarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code outpost run} keeps running: the store, the registry endpoint, the one Quartz
 * scheduler of the daemon (sync passes when there is a parent, polls of {@code import.watch} when it is
 * set, garbage collection on {@code store.gc.schedule}, pull-time flushes) and the admin API. A site with
 * no parent never syncs: it serves and imports. Parts start in dependency order and close in
 * reverse, so the store is closed last and cleanly.
 */
public final class OutpostRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutpostRuntime.class);
  /** Under the storage path, mode 0600: bearer tokens outlive a restart on the same store. */
  static final String SIGNING_KEY_FILE = "token-signing.key";

  /** Sync passes, GC, the quota after a pass and the pull-time flush can each run while the others do. */
  private static final int SCHEDULER_THREADS = 4;
  /** The Quartz task that enforces the quota after a sync pass. */
  static final String QUOTA_TASK = "quota";
  /** The Quartz task that polls {@code import.watch}. */
  static final String WATCH_TASK = "import-watch";
  /** Pull times reach the index at most this late; a crash loses at most this much eviction order. */
  static final Duration PULL_FLUSH_INTERVAL = Duration.ofSeconds(30);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private RegistryServer registry;
  private AdminServer admin;
  private Optional<SyncScheduler> scheduler = Optional.empty();
  private BundleImporter importer;
  // The store is opened first and closed last, only by close(): until close() begins, it is open.
  private volatile boolean closing;

  private OutpostRuntime() {}

  /**
   * {@code outpost run}: the parent's proxies and Azure Identity read {@code environment} (the
   * process's, from {@code Main}).
   */
  public static OutpostRuntime start(OutpostConfig config, Map<String, String> environment, Clock clock) {
    return start(config, environment, clock, (store, meters, stop) -> parts -> BundleImport.run(parts, store,
        config.sync().settings(), SyncListener.NONE, stop, meters, clock));
  }

  /** With an empty environment (no proxy, no Azure Identity settings): for tests that need none. */
  public static OutpostRuntime start(OutpostConfig config, Clock clock) {
    return start(config, Map.of(), clock);
  }

  /** With another importer than {@code BundleImport} (tests of the watch folder). */
  static OutpostRuntime start(OutpostConfig config, Clock clock, ImporterFactory importers) {
    return start(config, Map.of(), clock, importers);
  }

  private static OutpostRuntime start(OutpostConfig config, Map<String, String> environment, Clock clock,
      ImporterFactory importers) {
    OutpostRuntime runtime = new OutpostRuntime();
    try {
      runtime.startParts(config, new ParentFactory(environment), clock, importers);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void startParts(OutpostConfig config, ParentFactory parents, Clock clock, ImporterFactory importers) {
    Optional<TlsConfig> tls = config.serve().tlsOrPlainHttp(); // a configuration error before the store is touched
    LocalStore store = Stores.open(config);
    started.push(store);
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    started.push(meters::close);
    DiskMetrics.register(store, meters);
    registry = Listeners.bind("serve.listen", config.serve().listen(),
        () -> startRegistry(config, tls, store, meters, clock));
    started.push(registry);
    Schedules schedules = Schedules.start(SCHEDULER_THREADS);
    started.push(schedules);
    StoreGc gc = new StoreGc(config, store, meters, clock);
    StoreQuota quota = new StoreQuota(config, store, PinnedRepositories.of(config), gc, meters, clock);
    // On the GC schedule the quota runs first, so the collection frees what it evicted.
    schedules.cron("gc", config.store().gc().schedule(), () -> quota.enforce(true));
    schedules.every("flush-pulls", PULL_FLUSH_INTERVAL, store::flushPulls);
    ActiveRepositories active = new ActiveRepositories();
    // Why the last pass could not expand wildcard rules (no listing the token may use), for status.
    AtomicReference<Optional<String>> selectionFailure = new AtomicReference<>(Optional.empty());
    // ACR tag watermarks are kept in the store: across the engines replaced on new parent settings and restarts.
    TagWatermarks watermarks = TagWatermarks.keptIn(store);
    Optional<Long> cap = Optional.ofNullable(config.sync().maxBandwidth()).map(Bandwidth::bytesPerSecond);
    SyncProgress progress = new SyncProgress(clock);
    // Events leave from the notifier's own threads: a pass only queues them.
    Notifier notifier = Notifier.of(config.notifications(), Notifier.defaultSource(), meters, clock);
    started.push(notifier);
    // The parent address that served the last pass that reached it, for status.
    AtomicReference<String> servedBy = new AtomicReference<>();
    Optional<ChildReporter> reporter = Optional.ofNullable(config.sync().reportAs())
        .map(name -> new ChildReporter(name, store, config.sync().stallTimeout(), clock));
    scheduler = parents.sourceOf(config).map(source -> {
      ReloadingSyncPass pass = new ReloadingSyncPass(source,
          parent -> EngineFactory.engine(config, parent, store, meters, clock, watermarks));
      started.push(pass);
      // A pass may take the store over its quota; the quota runs as its own task, not in the pass's.
      SyncMetrics metrics = new SyncMetrics(store, meters, clock, config.sync().syncWindow(), cap,
          new SyncOutlook(config.sync().syncWindow(), cap, Optional.of(progress), clock));
      SyncPass passThenQuota = (listener, stop) -> {
        progress.passStarted();
        Instant began = clock.instant();
        SyncReport report = pass.runOnce(SyncListener.both(listener, SyncListener.both(progress, metrics)), stop);
        Duration took = Duration.between(began, clock.instant());
        progress.passFinished(report);
        metrics.passFinished(took);
        notifier.passFinished(report, took);
        if (report.parentReachable() && !store.space().full()) { // a refused pass (full disk) selected nothing
          selectionFailure.set(report.selectionFailure());
        }
        if (report.parentReachable()) {
          pass.servedBy().ifPresent(address -> {
            servedBy.set(address.toString());
            reporter.ifPresent(r -> r.report(report, pass.parent(), address));
          });
        }
        schedules.once(QUOTA_TASK, Duration.ZERO, () -> quota.enforce(false));
        return report;
      };
      return new SyncScheduler(passThenQuota, config.sync().syncWindow(), config.sync().passInterval(), clock,
          active, schedules);
    });
    scheduler.ifPresent(s -> {
      s.start();
      started.push(s);
    });
    ImportHistory history = ImportHistory.at(config.storage().path());
    importer = new RecordingImporter(importers.over(store, meters, () -> closing), history, clock);
    Optional<ImportWatcher> watcher = config.imports().watchFolder().map(folder -> new ImportWatcher(folder,
        config.imports().pollInterval(), config.storage().path(), importer, clock, () -> closing));
    watcher.ifPresent(w -> {
      // Polled, not watched for events: mounted disks and network shares do not deliver them.
      schedules.once(WATCH_TASK + "-first", Duration.ZERO, w::pollOnce);
      schedules.every(WATCH_TASK, config.imports().pollInterval(), w::pollOnce);
    });
    AdminSecret secret = AdminSecret.generate();
    AdminEndpoints endpoints = new AdminEndpoints(() -> new StatusCollector(store, active::contains,
        config.store().quota().map(ByteSize::bytes), quota::recentEvictions, selectionFailure::get)
        .withImports(history::read, () -> watcher.map(ImportWatcher::status).orElse(null))
        .withSync(new SyncOutlook(config.sync().syncWindow(), cap, Optional.of(progress), clock)).collect()
        .withParent(servedBy.get()), this::ready,
        scheduler.map(s -> (Runnable) s::triggerNow), meters::scrape, new StoreTokenAdmin(store), secret, gc::run,
        new StoreVerifier(store, clock)::run,
        // 'outpost bundle import' while this process holds the store: the same import, in this process, one at a
        // time with the watch folder's, recorded for status.
        importer::importParts,
        () -> StoreInventories.of(store, clock.instant(), config.storage().path().toString()));
    admin = Listeners.bind("admin.listen", config.admin().listen(), () -> AdminServer.start(config.admin().listen(), endpoints));
    started.push(admin);
    secret.publish(config.storage().path(),
        URI.create("http://" + new ListenAddress(config.admin().listen().host(), admin.port()).connectAuthority()));
  }

  private static RegistryServer startRegistry(OutpostConfig config, Optional<TlsConfig> tls, LocalStore store,
      PrometheusMeterRegistry meters, Clock clock) {
    ServeConfig serve = config.serve();
    ServeSettings settings = new ServeSettings(serve.listen().host(), serve.listen().port(),
        Optional.ofNullable(serve.service()), serve.tokenTtl(), serve.publicUrlValue(),
        SigningKey.loadOrCreate(config.storage().path().resolve(SIGNING_KEY_FILE)))
        .withAnonymous(new AnonymousPull(serve.anonymous()))
        .withLimits(serve.limits().limits());
    serve.accessLogValue().ifPresent(AccessLogSetup::install);
    ServeSettings logged = serve.accessLogValue().map(a -> settings.withAccessLog(a.formatValue())).orElse(settings);
    try {
      return RegistryServer.start(tls.map(t -> logged.withTls(new TlsSettings(t.certFile(), t.keyFile())))
          .orElse(logged), store, store, store, store, store, meters, clock,
          ChildReportFiles.at(config.storage().path(), clock));
    } catch (TlsMaterialException e) {
      throw new ConfigException("serve.tls: " + e.getMessage(), e);
    }
  }

  /** Ready for traffic: the store is open and the registry endpoint is serving. */
  public boolean ready() {
    return !closing && registry != null && registry.serving();
  }

  public int registryPort() {
    return registry.port();
  }

  /** {@code https} or {@code http}. */
  public String registryScheme() {
    return registry.scheme();
  }

  public int adminPort() {
    return admin.port();
  }

  public boolean syncing() {
    return scheduler.isPresent();
  }

  /**
   * Imports bundle parts into this Outpost's store, one import at a time, recording each for
   * {@code status}: the watch folder uses it, and so should any other import while {@code run} holds the store.
   */
  public BundleImporter importer() {
    return importer;
  }

  /** Builds the importer over the daemon's open store; {@code stop} turns true when the daemon closes. */
  @FunctionalInterface
  interface ImporterFactory {
    BundleImporter over(LocalStore store, MeterRegistry meters, BooleanSupplier stop);
  }

  @Override
  public synchronized void close() {
    closing = true;
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", part, e.toString());
      }
    }
  }
}
