package dev.outpost.agent.cli;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.samples.SampleImages;
import dev.outpost.store.LocalStore;
import dev.outpost.agent.runtime.Stores;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code outpost samples}: writes generated sample images into a store (quickstart, demos, tests). */
@Command(name = "samples", description = "Write generated sample images (samples/*) into the store, for demos.")
public final class SamplesCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;
  @Option(names = "--payload-mb", defaultValue = "16", description = "Size of samples/payload's random layer in MiB (default ${DEFAULT-VALUE}).")
  int payloadMb;

  @Override
  public Integer call() {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    if (payloadMb < 0 || payloadMb > 1024) {
      throw new IllegalArgumentException("--payload-mb must be between 0 and 1024");
    }
    List<String> seeded;
    try (LocalStore store = Stores.open(cfg)) {
      seeded = SampleImages.seed(store, payloadMb);
    }
    seeded.forEach(r -> ctx.out().println("seeded " + r));
    return ExitCodes.OK;
  }
}
