package dev.outpost.agent.cli;

import dev.outpost.agent.config.ByteSize;
import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.runtime.ParentFactory;
import dev.outpost.agent.runtime.Stores;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.model.Digest;
import dev.outpost.sync.bundle.BlobCopy;
import dev.outpost.sync.bundle.BundleCreate;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.BundleOutput;
import dev.outpost.sync.bundle.BundlePlanner;
import dev.outpost.sync.bundle.CreateReport;
import dev.outpost.sync.bundle.CreateStoppedException;
import dev.outpost.sync.bundle.InvalidBundleException;
import dev.outpost.sync.link.BandwidthBudget;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.http.RetryPolicy;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.registry.RegistryClient;
import dev.outpost.sync.select.RepositoryRule;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.StoreSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost bundle create (--from-parent | --from-store) --output PATH [--since INVENTORY]
 * [--max-part-size SIZE]}: sync's selection (the configuration's rules, tag rules and platforms)
 * written as an OCI image layout, a directory or a tar, in parts if asked. With {@code --since}, only
 * what the site's inventory lacks is carried. An interrupted create continues when rerun with the
 * same options. Exit 0 when finished; 1 when a read or write failed (rerun to continue); 130 when
 * stopped; 4/6 for an unreachable or refusing parent; 5 when {@code run} holds the store.
 */
@Command(name = "create", description = "Write a bundle from the parent or from this store.")
final class BundleCreateCommand implements Callable<Integer> {
  @ParentCommand
  BundleCommand parent;
  @Mixin
  ConfigOption config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  From from;

  /** Where the content comes from. */
  static final class From {
    @Option(names = "--from-parent", required = true,
        description = "Read the configuration's parent, selecting as sync does (sync.repositories, tag rules, platforms).")
    boolean parent;

    @Option(names = "--from-store", required = true,
        description = "Read this store (sync.repositories selects when set, else every repository it holds).")
    boolean store;
  }

  @Option(names = "--output", required = true, paramLabel = "PATH",
      description = "A directory, or a file ending in .tar; with several parts, PATH/part-N-of-M or PATH-less-.tar.part-N-of-M.tar.")
  Path output;

  @Option(names = "--since", paramLabel = "INVENTORY",
      description = "A site's inventory ('outpost inventory'): carry only what that site lacks.")
  Path since;

  @Option(names = "--max-part-size", paramLabel = "SIZE",
      description = "Split into parts of at most SIZE (such as 4Gi or 700M), each a complete OCI layout.")
  String maxPartSize;

  @Override
  public Integer call() throws IOException {
    CommandContext ctx = parent.root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    long maxBytes = maxPartSize == null ? Long.MAX_VALUE / 4 : parseSize(maxPartSize);
    Optional<BundlePlanner.Since> delta = since == null ? Optional.empty() : Optional.of(readInventory(since));
    BundleOutput out = new BundleOutput(output);
    BlobCopy copy;
    try (StopSignals stop = new StopSignals()) {
      // From the parent, the bundle crosses the site's link: the same cap and profile as sync.
      copy = new BlobCopy(new RetryPolicy(cfg.sync().settings().retry(), ctx.clock()), stop::received,
          from.parent ? BandwidthBudget.of(cfg.sync().settings().linkProfile(), ctx.clock()) : BandwidthBudget.unlimited());
      CreateReport report;
      try {
        report = from.parent ? fromParent(cfg, ctx, out, copy, delta, maxBytes) : fromStore(cfg, ctx, out, copy, delta, maxBytes);
      } catch (CreateStoppedException e) {
        ctx.out().println("stopped: what was written is kept; rerun the same command to continue");
        return ExitCodes.STOPPED;
      } catch (IOException e) {
        if (e instanceof InvalidBundleException || ErrorHandler.exitCodeFor(e) != ExitCodes.INTERNAL) {
          throw e; // a parent that cannot be reached (4), a saved plan that cannot be read: the one handler says it
        }
        ctx.err().println("outpost: bundle create did not finish: " + e.getMessage());
        ctx.out().println("incomplete: rerun the same command to continue where it stopped");
        return ExitCodes.INCOMPLETE;
      }
      print(report, ctx);
      return ExitCodes.OK;
    }
  }

  private CreateReport fromParent(OutpostConfig cfg, CommandContext ctx, BundleOutput out, BlobCopy copy,
      Optional<BundlePlanner.Since> delta, long maxBytes) throws IOException {
    ParentEndpoint endpoint = new ParentFactory(ctx.environment()).parentOf(cfg)
        .orElseThrow(() -> new ConfigException(config.configFile + ": parent is not configured: set parent.url or"
            + " parent.connectionString, or the environment variable " + ConfigLoader.CONNECTION_STRING_ENV));
    SyncSettings settings = cfg.sync().settings();
    if (settings.rules().isEmpty()) {
      throw new ConfigException(config.configFile + ": sync.repositories is empty: a bundle from the parent carries"
          + " what sync would select, and nothing is selected");
    }
    // The cap's receive window too, so the bundle's bytes cross the link at the cap as sync's do.
    try (ContentSource source = RegistryClient.forParent(settings.withReceiveWindow(endpoint),
        settings.concurrency() * 2, settings.stallTimeout(), new RetryPolicy(settings.retry(), ctx.clock()), ctx.clock())) {
      source.ping();
      return create(source, settings, out, copy, delta, maxBytes, ctx);
    }
  }

  private CreateReport fromStore(OutpostConfig cfg, CommandContext ctx, BundleOutput out, BlobCopy copy,
      Optional<BundlePlanner.Since> delta, long maxBytes) throws IOException {
    // RocksDB admits one process: while 'run' holds the store this fails with exit 5 and says so.
    try (LocalStore store = Stores.open(cfg)) {
      SyncSettings settings = cfg.sync().settings();
      if (settings.rules().isEmpty()) {
        List<RepositoryRule> all = store.repositories().stream()
            .map(r -> RepositoryRule.all(RepositoryPattern.parse(r.value()))).toList();
        settings = new SyncSettings(all, settings.platforms(), settings.chunkSizeMb(), settings.concurrency(),
            settings.retry(), settings.stallTimeout(), settings.maxBandwidth(), settings.deleteGrace());
      }
      return create(new StoreSource(store), settings, out, copy, delta, maxBytes, ctx);
    }
  }

  private CreateReport create(ContentSource source, SyncSettings settings, BundleOutput out, BlobCopy copy,
      Optional<BundlePlanner.Since> delta, long maxBytes, CommandContext ctx) throws IOException {
    // What a resumed create must match: the source, the selection and the options (not the output, which is where it is kept).
    String options = source.describe() + "; rules " + settings.rules() + "; platforms " + settings.platforms()
        + "; since " + delta.map(d -> d.file().toString()).orElse("-") + "; max part size "
        + (maxPartSize == null ? "-" : maxBytes);
    return new BundleCreate(source, out, copy, ctx.clock(), ctx.err()::println).run(settings, delta, maxBytes, options);
  }

  private static long parseSize(String text) {
    long bytes;
    try {
      // ByteSize spells binary units 4Gi (as Kubernetes); 4GiB, as the issue and people write it, means the same.
      bytes = ByteSize.parse(text.strip().replaceFirst("(?i)(?<=[KMGT]|[KMGT]i)B$", "")).bytes();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--max-part-size: " + e.getMessage());
    }
    if (bytes < 1024 * 1024) {
      throw new IllegalArgumentException("--max-part-size " + text + " is below 1Mi: too small to hold a part");
    }
    return bytes;
  }

  private static BundlePlanner.Since readInventory(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--since " + file + ": no such file");
    }
    try {
      return new BundlePlanner.Since(BundleJson.readInventory(bytes, file.toString()), Digest.sha256(bytes));
    } catch (InvalidBundleException e) {
      throw new IllegalArgumentException("--since " + e.getMessage(), e);
    }
  }

  private static void print(CreateReport r, CommandContext ctx) {
    ctx.out().printf("bundle %s: %d part%s, %d tags, %d items (%d bytes) carried%s%n", r.bundleId(), r.parts().size(),
        r.parts().size() == 1 ? "" : "s", r.tags(), r.items(), r.bytesCarried(),
        r.resumed() ? ", " + r.bytesKept() + " bytes of them already written by the interrupted run" : "");
    if (r.itemsSkipped() > 0 || r.bytesSkipped() > 0) {
      ctx.out().printf("skipped by the delta (the site holds them): %d items, %d bytes%n", r.itemsSkipped(), r.bytesSkipped());
    }
    for (Path part : r.parts()) {
      ctx.out().println("  " + part);
    }
  }
}
