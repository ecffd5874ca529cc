package dev.outpost.agent.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root {@code outpost} command; it only groups the subcommands and carries the context.
 *
 * <p>Subcommands are registered by {@link #register}, not in the annotation: picocli reads the
 * annotations of every registered command before parsing, which cost a tenth of a second of each
 * start for commands that were not run. A command line naming a subcommand registers only that
 * one; anything else (no arguments, help, a typo) registers all, for the usage and suggestions.
 * {@code --help} and {@code --version} are inherited: every subcommand answers {@code --help}.
 */
@Command(name = "outpost", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "A connected registry for edge and disconnected sites.")
public final class OutpostCommand {
  private static final Map<String, Class<?>> SUBCOMMANDS = subcommands();
  private final CommandContext context;

  public OutpostCommand(CommandContext context) {
    this.context = context;
  }

  CommandContext context() {
    return context;
  }

  /** The names of the subcommands. */
  public static Set<String> names() {
    return SUBCOMMANDS.keySet();
  }

  /** Adds to {@code root} the subcommands that {@code args} can reach. */
  public static CommandLine register(CommandLine root, String[] args) {
    Class<?> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    for (Class<?> command : named != null ? List.<Class<?>>of(named) : SUBCOMMANDS.values()) {
      root.addSubcommand(command);
    }
    return root;
  }

  /** By name, in the order of the usage text. The names repeat the annotations: a test checks they agree. */
  static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    byName.put("run", RunCommand.class);
    byName.put("sync", SyncCommand.class);
    byName.put("token", TokenCommand.class);
    byName.put("status", StatusCommand.class);
    byName.put("gc", GcCommand.class);
    byName.put("verify", VerifyCommand.class);
    byName.put("resync", ResyncCommand.class);
    byName.put("pull", PullCommand.class);
    byName.put("bundle", BundleCommand.class);
    byName.put("inventory", InventoryCommand.class);
    byName.put("samples", SamplesCommand.class);
    byName.put("check", CheckCommand.class);
    byName.put("node-trust", NodeTrustCommand.class);
    byName.put("tls", TlsCommand.class);
    byName.put("mirror-config", MirrorConfigCommand.class);
    return Collections.unmodifiableMap(byName);
  }
}
