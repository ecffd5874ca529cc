package dev.outpost.agent.cli;

import dev.outpost.agent.admin.AdminClient;
import dev.outpost.agent.admin.AdminSecret;
import dev.outpost.agent.config.OutpostConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost resync}: asks the running Outpost to start a sync pass now (inside its window). A site
 * with no parent is told so before the running Outpost is asked.
 */
@Command(name = "resync", description = "Ask the running Outpost to start a sync pass now.")
public final class ResyncCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;

  @Override
  public Integer call() {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    NoParent.refuseSyncWithout(cfg, config.configFile);
    new AdminClient(cfg.admin().listen(), AdminSecret.read(cfg.storage().path())).resync();
    ctx.out().println("Resync triggered; follow it with 'outpost status'.");
    return ExitCodes.OK;
  }
}
