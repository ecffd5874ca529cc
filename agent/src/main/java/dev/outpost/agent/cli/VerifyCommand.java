package dev.outpost.agent.cli;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.json.Json;
import dev.outpost.store.verify.Fault;
import dev.outpost.store.verify.StoreVerifier;
import dev.outpost.store.verify.VerifyReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost verify [--repair]}: re-hashes every blob and manifest and checks the index against
 * the files, directly when no Outpost holds the store, else through the running Outpost's admin API.
 * One line per fault, then a summary; exit {@link ExitCodes#FAULTS_FOUND} when there was any fault
 * (repaired or not), so scripts and CI notice.
 */
@Command(name = "verify", description = "Re-hash every blob and manifest and check the index against the files.")
public final class VerifyCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;
  @Option(names = "--repair", description = "Move bad and orphaned files to <storage>/quarantine/ and drop the index"
      + " entries that depend on them (the next sync fetches them again). Never deletes a good blob.")
  boolean repair;
  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    VerifyReport report = new StoreAccess(cfg).apply(
        store -> new StoreVerifier(store, ctx.clock()).run(repair),
        admin -> admin.verify(repair));
    if (json) {
      ctx.out().println(Json.newMapper().writeValueAsString(report));
    } else {
      report.faults().stream().map(Fault::describe).forEach(ctx.out()::println);
      if (report.moreFaults() > 0) {
        ctx.out().println("… and " + report.moreFaults() + " more");
      }
      ctx.out().println(report.summary());
    }
    return report.clean() ? ExitCodes.OK : ExitCodes.FAULTS_FOUND;
  }
}
