package dev.outpost.agent.cli;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.json.Json;
import dev.outpost.agent.maintenance.GcResult;
import dev.outpost.agent.maintenance.StoreGc;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost gc [--dry-run]}: garbage collection of the store, directly when no Outpost holds
 * it, else through the running Outpost's admin API. Prints one line per removal and the bytes freed.
 */
@Command(name = "gc", description = "Remove manifests and blobs no tag reaches, and stale partial downloads.")
public final class GcCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;
  @Option(names = "--dry-run", description = "Print what would be removed; remove nothing.")
  boolean dryRun;
  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    GcResult result = new StoreAccess(cfg).apply(
        store -> new StoreGc(cfg, store, new SimpleMeterRegistry(), ctx.clock()).run(dryRun),
        admin -> admin.gc(dryRun));
    if (json) {
      ctx.out().println(Json.newMapper().writeValueAsString(result));
    } else {
      result.removals().forEach(ctx.out()::println);
      if (result.moreRemovals() > 0) {
        ctx.out().println("… and " + result.moreRemovals() + " more");
      }
      ctx.out().println(result.summary());
    }
    return ExitCodes.OK;
  }
}
