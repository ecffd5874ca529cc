package dev.outpost.agent.cli;

import dev.outpost.agent.config.ConfigException;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.runtime.EngineFactory;
import dev.outpost.agent.runtime.ParentFactory;
import dev.outpost.agent.runtime.ProgressDisplay;
import dev.outpost.store.LocalStore;
import dev.outpost.agent.runtime.Stores;
import dev.outpost.sync.engine.SyncEngine;
import dev.outpost.sync.engine.SyncListener;
import dev.outpost.sync.engine.SyncReport;
import dev.outpost.sync.parent.ParentEndpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost sync --once}: one full pass in the foreground. Exit 0 when everything selected is
 * present; 1 with one line per failed repository otherwise; 4 when the parent cannot be reached, 6
 * when it refuses the credentials; 130 when Ctrl-C or SIGTERM stopped the pass (at the next read:
 * what was fetched stays, the next pass resumes from there). {@code outpost sync --dry-run}: what
 * that pass would fetch and delete, changing nothing, with the same exit codes.
 */
@Command(name = "sync", description = "Run one full sync pass in the foreground, ignoring the schedule.")
public final class SyncCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Spec
  CommandSpec spec;
  @Mixin
  ConfigOption config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  /** What to do: one pass, or print what one pass would do. */
  static final class Mode {
    @Option(names = "--once", required = true, description = "Run one pass now and exit (scheduled sync is 'outpost run').")
    boolean once;

    @Option(names = "--dry-run", required = true,
        description = "Print what one pass would fetch (images, bytes) and delete, changing nothing.")
    boolean dryRun;
  }

  @Option(names = "--window", paramLabel = "DURATION",
      description = "Treat this pass as a sync window of DURATION (ISO-8601, such as PT30M) opening now: at its end "
          + "the pass stops as a scheduled one does; what was fetched is kept and the next pass resumes from there.")
  Duration window;

  @Option(names = "--no-progress", description = "Print no progress (no progress line, no per-repository lines); the outcome still goes to stdout.")
  boolean noProgress;

  @Override
  public Integer call() {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    NoParent.refuseSyncWithout(cfg, config.configFile);
    ParentEndpoint parent = new ParentFactory(ctx.environment()).parentOf(cfg).orElseThrow();
    if (cfg.sync().repositories().isEmpty()) {
      throw new ConfigException(config.configFile + ": sync.repositories is empty: nothing to sync");
    }
    if (mode.dryRun) {
      return dryRun(cfg, parent, ctx);
    }
    if (window != null && (window.isNegative() || window.isZero())) {
      throw new ParameterException(spec.commandLine(), "--window must be a positive duration such as PT30M");
    }
    Instant windowEnd = window == null ? Instant.MAX : ctx.clock().instant().plus(window);
    try (StopSignals stop = new StopSignals();
        LocalStore store = Stores.open(cfg);
        SyncEngine engine = EngineFactory.engine(cfg, parent, store, new SimpleMeterRegistry(), ctx.clock())) {
      Optional<ProgressDisplay> progress = noProgress ? Optional.empty()
          : Optional.of(new ProgressDisplay(ctx.err(), onATerminal(), ctx.clock()));
      TransferTally tally = new TransferTally();
      BooleanSupplier windowClosed = () -> !ctx.clock().instant().isBefore(windowEnd);
      SyncReport report = engine.runOnce(SyncListener.both(progress.<SyncListener>map(p -> p).orElse(SyncListener.NONE), tally),
          () -> stop.received() || windowClosed.getAsBoolean());
      progress.ifPresent(ProgressDisplay::finish);
      if (stop.received()) {
        tally.print(ctx.out());
        return SyncOutcome.stopped(ctx.out());
      }
      if (!report.complete() && windowClosed.getAsBoolean()) {
        tally.print(ctx.out());
        return SyncOutcome.windowClosed(window, ctx.out());
      }
      int exit = SyncOutcome.print(report, ctx.out());
      tally.print(ctx.out());
      return exit;
    }
  }

  /**
   * Whether the progress line may be redrawn in place. JDK 22 and 23 return a console even when the
   * streams are redirected, and answer the question with {@code Console.isTerminal()}, which the
   * release-21 API does not have: hence the reflective call.
   */
  private static boolean onATerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException onJdk21) {
      return true; // JDK 21 returns a console only for a terminal
    }
  }

  /** Reads the store and asks the parent; no blob byte is fetched and nothing is written. */
  private static int dryRun(OutpostConfig cfg, ParentEndpoint parent, CommandContext ctx) {
    try (LocalStore store = Stores.open(cfg);
        SyncEngine engine = EngineFactory.engine(cfg, parent, store, new SimpleMeterRegistry(), ctx.clock())) {
      return DryRunOutput.print(engine.dryRun(SyncListener.NONE), ctx.out());
    }
  }
}
