package dev.outpost.agent.cli;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.runtime.OutpostRuntime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost run}: serve the store and sync on the schedule until stopped; a site with no parent
 * serves and imports bundles ({@code import.watch}) and never syncs. SIGTERM or SIGINT
 * closes every part in reverse order (the store last) before the JVM exits.
 */
@Command(name = "run", description = "Serve the store and sync on the schedule until stopped (SIGTERM stops cleanly).")
public final class RunCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    OutpostRuntime runtime = OutpostRuntime.start(cfg, ctx.environment(), ctx.clock());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "outpost-shutdown"));
    ctx.out().printf("Outpost serving %s on %s://%s:%d, admin API on %s:%d, %s%s%n", cfg.storage().path(),
        runtime.registryScheme(), cfg.serve().listen().host(), runtime.registryPort(), cfg.admin().listen().host(), runtime.adminPort(),
        runtime.syncing() ? "syncing on schedule '" + cfg.sync().schedule() + "'" : "no parent (never syncs)",
        cfg.imports().watchFolder().map(folder -> ", importing bundles from " + folder + " (every "
            + cfg.imports().pollInterval().toSeconds() + "s)").orElse(""));
    ctx.out().flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
