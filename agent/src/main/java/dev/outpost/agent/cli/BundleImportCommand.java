package dev.outpost.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code outpost bundle import PATH…}: not built yet (the reader side of issue 8). */
@Command(name = "import", description = "Import bundle parts into the store.")
final class BundleImportCommand implements Callable<Integer> {
  @ParentCommand
  BundleCommand parent;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("bundle import is not built yet");
  }
}
