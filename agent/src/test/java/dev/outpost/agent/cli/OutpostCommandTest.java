package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The root command registers only the subcommand a command line names, and all of them otherwise. */
class OutpostCommandTest {
  @Test
  void theNamesOfTheSubcommandsAgreeWithTheirAnnotations() {
    Map<String, Class<?>> subcommands = OutpostCommand.subcommands();

    assertThat(subcommands).containsOnlyKeys("run", "sync", "token", "status", "resync", "pull", "samples", "check", "gc", "verify",
        "node-trust", "tls", "mirror-config", "bundle", "inventory");
    subcommands.forEach((name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
  }

  @Test
  void usageWithoutASubcommandListsThemAll() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout()).contains("run", "sync", "token", "status", "resync", "pull", "samples", "tls");
  }

  @Test
  void aNamedSubcommandStillHasItsOwnHelpAndNestedCommands() {
    assertThat(CliRun.of("sync", "--help").stdout()).contains("--once", "--config");
    assertThat(CliRun.of("token", "create", "--help").stdout()).contains("--repository", "--expires");
  }

  @Test
  void aMisspeltSubcommandIsAUsageErrorThatSuggestsTheRightOne() {
    CliRun run = CliRun.of("snyc", "--once");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(2);
    assertThat(run.stderr()).contains("snyc").contains("sync");
  }
}
