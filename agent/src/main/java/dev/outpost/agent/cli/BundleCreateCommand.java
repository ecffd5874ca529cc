package dev.outpost.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code outpost bundle create}: not built yet (the writer side of issue 8). */
@Command(name = "create", description = "Write a bundle from the parent or from this store.")
final class BundleCreateCommand implements Callable<Integer> {
  @ParentCommand
  BundleCommand parent;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("bundle create is not built yet");
  }
}
