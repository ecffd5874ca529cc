package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A site with no link has no parent: asking it to sync says what it does instead. */
class ParentlessSiteTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sync --once", "sync --dry-run", "resync"})
  void syncCommandsSayTheSiteHasNoParentAndImportsBundles(String command) throws IOException {
    Path config = dir.resolve("site.yaml");
    Files.writeString(config, "storage: {path: \"" + dir.resolve("store") + "\"}\nimport: {watch: \"" + dir.resolve("usb")
        + "\"}\n");
    String[] args = (command + " --config " + config).split(" ");

    CliRun run = CliRun.of(args);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.stderr()).as(run.toString()).contains("site.yaml: this site has no parent", "does not sync",
        "outpost bundle import", "import.watch", "parent.url", "ACR_REGISTRY_CONNECTION_STRING");
    assertThat(dir.resolve("store")).doesNotExist();
  }
}
