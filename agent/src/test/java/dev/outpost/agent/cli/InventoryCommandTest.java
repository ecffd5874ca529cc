package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.bundle.BundleJson;
import dev.outpost.sync.bundle.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost inventory}: the same inventory from the store directly or through a running Outpost. */
class InventoryCommandTest {
  @TempDir
  Path dir;

  @Test
  void aServingSiteGivesItsInventoryThroughTheAdminApiAsTheStoreWouldDirectly() throws Exception {
    Path config = Files.writeString(dir.resolve("site.yaml"), "storage: {path: \"" + dir.resolve("store") + "\"}\n"
        + "serve: {listen: \"127.0.0.1:0\", httpEnabled: true}\nadmin: {listen: \"127.0.0.1:0\"}\n");
    assertThat(CliRun.of("samples", "--payload-mb", "1", "--config", config.toString()).exitCode()).isZero();
    CliRun direct = CliRun.of("inventory", "--config", config.toString(), "--output", dir.resolve("direct.json").toString());
    assertThat(direct.exitCode()).as(direct.toString()).isZero();

    CliRun served;
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      served = CliRun.of("inventory", "--config", config.toString(), "--output", dir.resolve("served.json.gz").toString());
    }

    assertThat(served.exitCode()).as(served.toString()).isZero();
    Inventory fromStore = BundleJson.readInventory(Files.readAllBytes(dir.resolve("direct.json")), "direct.json");
    Inventory fromAdmin = BundleJson.readInventory(Files.readAllBytes(dir.resolve("served.json.gz")), "served.json.gz");
    assertThat(fromAdmin.repositories()).isEqualTo(fromStore.repositories()).containsKey(RepositoryName.of("samples/hello"));
    assertThat(fromAdmin.blobs()).isEqualTo(fromStore.blobs()).isNotEmpty();
  }
}
