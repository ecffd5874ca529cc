package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.fixtures.RandomImages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {
  @TempDir
  Path dir;

  private ParentRegistryFixture parent;

  @BeforeEach
  void startParent() {
    RandomImages images = new RandomImages(7);
    parent = ParentRegistryFixture.start()
        .push("team/app", "1.0", images.ociImage(4096, 70_000))
        .push("team/tools", "2.0", images.dockerImage(1024))
        .push("other/secret", "1.0", images.ociImage(512));
  }

  @AfterEach
  void stopParent() {
    parent.close();
  }

  @Test
  void syncOnceExitsZeroAndStatusShowsWhatArrived() throws IOException {
    Path config = config(parent.url(), "[\"team/*\"]");

    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());
    CliRun status = CliRun.of("status", "--json", "--config", config.toString());

    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(sync.stdout()).contains("sync complete: 2 repositories present");
    assertThat(status.stdout()).contains("\"repository\" : \"team/app\"", "\"state\" : \"synced\"", "team/tools")
        .doesNotContain("other/secret");
  }

  @Test
  void aRepositoryMissingUpstreamFailsThePassWithOneLineNamingIt() throws IOException {
    Path config = config(parent.url(), "[\"team/app\", \"library/missing\"]");

    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());

    assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(sync.stdout()).containsPattern("(?m)^library/missing: .+")
        .contains("sync incomplete: 1 of 2 repositories failed");
  }

  @Test
  void anUnreachableParentIsOneClearErrorWithItsOwnExitCode() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path config = config("http://127.0.0.1:" + closedPort, "[\"team/app\"]");

    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());

    assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(ExitCodes.PARENT_UNREACHABLE);
    assertThat(sync.stdout()).contains("cannot reach the parent http://127.0.0.1:" + closedPort);
  }

  @Test
  void noProgressPrintsNoProgressAtAll() throws IOException {
    Path config = config(parent.url(), "[\"team/*\"]");

    CliRun sync = CliRun.of("sync", "--once", "--no-progress", "--config", config.toString());

    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(sync.stderr()).as(sync.toString()).isEmpty();
    assertThat(sync.stdout()).contains("sync complete: 2 repositories present");
  }

  @Test
  void outsideATerminalNoProgressLineHasAWrongDenominator() throws IOException {
    RandomImages images = new RandomImages(8);
    parent.push("team/three", "1", images.ociImage(256)).push("team/four", "1", images.ociImage(256));
    Path config = config(parent.url(), "[\"team/*\"]");

    // Tests run without a console, as a CI log or a redirected stderr does.
    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());

    assertThat(sync.exitCode()).as(sync.toString()).isZero();
    assertThat(sync.stderr()).as(sync.toString())
        .doesNotContain("\033[K")
        .doesNotContainPattern("repositories \\d+/(?!4\\b)")
        .contains("synced  team/four", "synced  team/three", "fetched ");
  }

  @Test
  void aMalformedConfigNamesTheKeyAndLineAndTouchesNothing() throws IOException {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, "storage: {path: \"" + dir.resolve("store") + "\"}\nsync:\n  chunkSizeMb: lots\n");

    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());

    assertThat(sync.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(sync.stderr()).contains("bad.yaml:3", "sync.chunkSizeMb");
    assertThat(dir.resolve("store")).doesNotExist();
  }

  @Test
  void withoutAParentSyncSaysSo() throws IOException {
    Path config = dir.resolve("root.yaml");
    Files.writeString(config, "storage: {path: \"" + dir.resolve("store") + "\"}\n");

    CliRun sync = CliRun.of("sync", "--once", "--config", config.toString());

    assertThat(sync.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(sync.stderr()).contains("parent is not configured", "parent.url", "parent.connectionString",
        "ACR_REGISTRY_CONNECTION_STRING");
  }

  private Path config(String parentUrl, String repositories) throws IOException {
    Path config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: %s, chunkSizeMb: 1}
        """.formatted(dir.resolve("store"), parentUrl, repositories));
    return config;
  }
}
