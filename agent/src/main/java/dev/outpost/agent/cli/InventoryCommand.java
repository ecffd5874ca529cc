package dev.outpost.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code outpost inventory --output FILE}: not built yet (the writer side of issue 8). */
@Command(name = "inventory", description = "Write what this store holds, for the next delta bundle upstream.")
final class InventoryCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("inventory is not built yet");
  }
}
