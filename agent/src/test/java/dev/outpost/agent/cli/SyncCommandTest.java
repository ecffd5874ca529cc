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

  @Test
  void aWindowClosingMidTransferKeepsWhatArrivedAndTheNextPassResumesThereFetchingNothingTwice() throws IOException {
    parent.push("big/payload", "1.0", new RandomImages(11).ociImage(3_000_000));
    Path config = dir.resolve("capped.yaml");
    // 1 MB/s: a 1-second window ends about a third of the way through the 3 MB layer.
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "%s"}
        sync: {repositories: ["big/payload"], chunkSizeMb: 8, maxBandwidth: 1MB}
        """.formatted(dir.resolve("store"), parent.url()));

    CliRun first = CliRun.of("sync", "--once", "--no-progress", "--window", "PT1S", "--config", config.toString());

    assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.INCOMPLETE);
    assertThat(first.stdout()).contains("the window closed after PT1S; progress is kept, the next pass resumes");
    long kept = bytesAfter(first.stdout(), "kept ");
    assertThat(kept).as(first.stdout()).isPositive();

    CliRun second = CliRun.of("sync", "--once", "--no-progress", "--config", config.toString());

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(bytesAfter(second.stdout(), "resumed 1 partial download(s) at ")).as(second.stdout()).isEqualTo(kept);
  }

  @Test
  void aWindowMustBeAPositiveDuration() throws IOException {
    CliRun sync = CliRun.of("sync", "--once", "--window", "PT0S", "--config", config(parent.url(), "[\"team/*\"]").toString());

    assertThat(sync.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(sync.stderr()).contains("--window must be a positive duration");
  }

  private static long bytesAfter(String text, String label) {
    int at = text.indexOf(label);
    assertThat(at).as("'%s' in %s", label, text).isNotNegative();
    String rest = text.substring(at + label.length());
    return Long.parseLong(rest.substring(0, rest.indexOf(' ')));
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
