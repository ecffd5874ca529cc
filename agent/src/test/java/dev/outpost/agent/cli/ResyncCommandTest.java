package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost resync} authenticates with the secret from {@code <storage>/admin.json}, which the admin API now requires. */
class ResyncCommandTest {
  @TempDir
  Path dir;

  @Test
  void resyncReachesTheRunningOutpostWithTheAdminSecret() throws Exception {
    Path config = writeConfig();
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      CliRun resync = CliRun.of("resync", "--config", config.toString());

      assertThat(resync.exitCode()).as(resync.toString()).isZero();
      assertThat(resync.stdout()).contains("Resync triggered");
    }
  }

  @Test
  void withoutTheSecretFileTheRunningOutpostRefuses() throws Exception {
    Path config = writeConfig();
    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      Path adminJson = dir.resolve("store/admin.json");
      String published = Files.readString(adminJson);
      Files.writeString(adminJson, published.replaceAll("\"secret\":\"[^\"]+\"", "\"secret\":\"wrong\""));

      CliRun resync = CliRun.of("resync", "--config", config.toString());

      assertThat(resync.exitCode()).as(resync.toString()).isNotZero();
      assertThat(resync.stderr()).contains("needs the admin secret");
    }
  }

  /** Serves, with an admin API, and never syncs during the test (the schedule is once a year). */
  private Path writeConfig() throws IOException {
    return Files.writeString(dir.resolve("outpost.yaml"), """
        storage: {path: "%s"}
        parent: {url: "http://127.0.0.1:9"}
        sync: {repositories: ["team/app"], schedule: "0 0 1 1 *", window: PT1M}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(dir.resolve("store")));
  }
}
