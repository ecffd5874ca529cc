package dev.outpost.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code outpost bundle create|import}: content carried on a disk, for sites with no link. */
@Command(name = "bundle", description = "Create bundles (OCI image layouts) upstream and import them at a site.",
    subcommands = {BundleCreateCommand.class, BundleImportCommand.class})
public final class BundleCommand {
  @ParentCommand
  OutpostCommand root;
}
