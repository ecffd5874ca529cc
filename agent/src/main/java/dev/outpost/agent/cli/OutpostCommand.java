package dev.outpost.agent.cli;

import picocli.CommandLine.Command;

/** The root {@code outpost} command; it only groups the subcommands and carries the context. */
@Command(name = "outpost", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "A connected registry for edge and disconnected sites.",
    subcommands = {RunCommand.class, SyncCommand.class, TokenCommand.class, StatusCommand.class, ResyncCommand.class,
        PullCommand.class, SamplesCommand.class})
public final class OutpostCommand {
  private final CommandContext context;

  public OutpostCommand(CommandContext context) {
    this.context = context;
  }

  CommandContext context() {
    return context;
  }
}
