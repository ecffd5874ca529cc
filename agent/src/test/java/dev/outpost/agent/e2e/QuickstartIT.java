package dev.outpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RepositoryRoot;
import dev.outpost.fixtures.ToolRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, run as a new user would: it must show what Outpost is for (a window
 * closing mid-transfer, a resume that fetches nothing twice, status, the K3s registries.yaml,
 * verified pulls, a scope refusal in words), with no build-tool warnings in its output.
 */
class QuickstartIT {
  @Test
  void theQuickstartShowsWhatOutpostIsFor() throws Exception {
    Path root = RepositoryRoot.path();

    ToolRun.Result run = ToolRun.run(Duration.ofMinutes(5), List.of("bash", root.resolve("scripts/quickstart.sh").toString()));
    String out = run.stdout() + run.stderr();

    assertThat(run.exitCode()).as(out).isZero();
    assertThat(out).contains(
        "the window closed after PT4S; progress is kept, the next pass resumes",
        "re-fetched: 0 bytes",
        "REPOSITORY", "samples/payload", "synced",
        "mirrors:", "myregistry.azurecr.io",
        "verified samples/payload@sha256:",
        "not allowed for this token",
        "Quickstart finished");
    Matcher kept = Pattern.compile("kept at the window's end: (\\d+) bytes").matcher(out);
    assertThat(kept.find()).as(out).isTrue();
    assertThat(Long.parseLong(kept.group(1))).as("the window closed mid-transfer, with bytes kept").isPositive();
    assertThat(out).as("no warnings from the JDK or the build").doesNotContain("WARNING");
  }
}
