package dev.outpost.agent.cli;

import dev.outpost.agent.admin.AdminClient;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.Inventory;
import dev.outpost.sync.bundle.StoreInventories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code outpost inventory --output FILE}: what this store holds (tags, manifests per repository,
 * blobs), as JSON, gzipped when FILE ends in {@code .gz}, to carry upstream for {@code bundle create
 * --since}. It reads the store directly, or, while {@code outpost run} holds it, asks the running
 * Outpost ({@code GET /inventory} on the admin API).
 */
@Command(name = "inventory", description = "Write what this store holds, for the next delta bundle upstream.")
final class InventoryCommand implements Callable<Integer> {
  @ParentCommand
  OutpostCommand root;
  @Mixin
  ConfigOption config;

  @Option(names = "--output", required = true, paramLabel = "FILE",
      description = "Where to write the inventory (JSON; gzipped when FILE ends in .gz).")
  Path output;

  @Override
  public Integer call() throws IOException {
    CommandContext ctx = root.context();
    OutpostConfig cfg = config.load(ctx.environment());
    Inventory inventory = new StoreAccess(cfg).apply(
        store -> StoreInventories.of(store, ctx.clock().instant(), cfg.storage().path().toString()),
        AdminClient::inventory);
    byte[] bytes = output.getFileName().toString().endsWith(".gz") ? BundleJson.writeGzip(inventory)
        : BundleJson.write(inventory);
    Path temp = output.resolveSibling(output.getFileName() + ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    int manifests = inventory.repositories().values().stream().mapToInt(r -> r.manifests().size()).sum();
    int tags = inventory.repositories().values().stream().mapToInt(r -> r.tags().size()).sum();
    ctx.out().printf("inventory of %s: %d repositories, %d tags, %d manifests, %d blobs -> %s (%d bytes)%n",
        cfg.storage().path(), inventory.repositories().size(), tags, manifests, inventory.blobs().size(), output,
        bytes.length);
    return ExitCodes.OK;
  }
}
