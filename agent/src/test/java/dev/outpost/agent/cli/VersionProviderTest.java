package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code outpost --version} names the version and the commit this build came from. */
class VersionProviderTest {
  @Test
  void versionNamesTheProjectVersionAndTheCommitOfThisCheckout() throws Exception {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).as("%s", run).isZero();
    String head = gitHead();
    assertThat(run.stdout().strip())
        .startsWith("outpost 0.")
        .contains("(commit " + head.substring(0, 12));
  }

  private static String gitHead() throws IOException, InterruptedException {
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD")
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true)
        .start();
    String out = new String(git.getInputStream().readAllBytes()).strip();
    assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(git.exitValue()).as(out).isZero();
    return out;
  }
}
