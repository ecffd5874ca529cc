package dev.outpost.agent.cli;

import dev.outpost.agent.maintenance.StoreQuota;
import dev.outpost.agent.config.ByteSize;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.imports.ImportHistory;
import dev.outpost.agent.imports.ImportWatcher;
import dev.outpost.agent.json.Json;
import dev.outpost.agent.status.StatusCollector;
import dev.outpost.agent.status.StatusRenderer;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.status.SyncOutlook;
import dev.outpost.sync.link.Bandwidth;
import java.time.Clock;
import java.util.Optional;
import dev.outpost.agent.children.ChildReport;
import dev.outpost.agent.children.ChildReportFiles;
import dev.outpost.agent.children.ChildrenRenderer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost status}: per repository its state, last success, tags, bytes and last error (or its
 * last import from a bundle), and the watch folder for bundles when {@code import.watch} is set;
 * {@code --children}: the child Outposts that report to this one (read from the storage folder).
 */
@Command(name = "status", description = "Show the sync or import state of every repository in the store.")
public final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;
  @Option(names = "--json", description = "Print JSON.")
  boolean json;
  @Option(names = "--children", description = "List the child Outposts that report to this one, and how current they are.")
  boolean children;

  @Override
  public Integer call() throws Exception {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    if (children) {
      List<ChildReport> reports = ChildReportFiles.at(cfg.storage().path(), ctx.clock()).all();
      if (json) {
        ctx.out().println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(reports));
      } else {
        ChildrenRenderer.printTable(reports, ctx.clock().instant(), ctx.out());
      }
      return ExitCodes.OK;
    }
    StatusReport report = new StoreAccess(cfg).apply(
        s -> new StatusCollector(s, r -> false, cfg.store().quota().map(ByteSize::bytes),
            () -> StoreQuota.recentEvictions(s))
            .withImports(ImportHistory.at(cfg.storage().path())::read, () -> cfg.imports().watchFolder()
                .map(folder -> ImportWatcher.notRunning(folder, cfg.imports().pollInterval(), cfg.storage().path()))
                .orElse(null))
            // No pass runs in this process: the window and the cap, without rates.
            .withSync(new SyncOutlook(cfg.sync().syncWindow(),
                Optional.ofNullable(cfg.sync().maxBandwidth()).map(Bandwidth::bytesPerSecond), Optional.empty(),
                Clock.systemUTC()))
            .collect(), a -> a.status());
    if (json) {
      ctx.out().println(Json.newMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
    } else {
      StatusRenderer.printTable(report, ctx.out());
    }
    return ExitCodes.OK;
  }
}
