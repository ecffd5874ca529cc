package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.DockerRegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong parent credentials against Debian's docker-registry with htpasswd: said as such, with exit 6. */
class ParentCredentialsTest {
  @TempDir
  Path dir;

  @Test
  void wrongCredentialsAreRefusedNotUnreachableWithTheirOwnExitCodeAndStatus() throws Exception {
    try (DockerRegistryProcess registry = DockerRegistryProcess.startWithBasicAuth(dir.resolve("parent"), "sync", "right-pw")) {
      Path config = dir.resolve("outpost.yaml");
      Files.writeString(config, """
          storage: {path: "%s"}
          parent: {url: "%s", username: sync, password: "wrong-pw"}
          sync: {repositories: ["team/app"]}
          """.formatted(dir.resolve("store"), registry.url()));

      CliRun sync = CliRun.of("sync", "--once", "--no-progress", "--config", config.toString());
      CliRun status = CliRun.of("status", "--json", "--config", config.toString());

      String refused = "the parent refused the credentials (user 'sync' at " + registry.hostPort() + "): HTTP 401";
      assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(ExitCodes.CREDENTIALS_REFUSED);
      assertThat(sync.stdout()).as(sync.toString()).contains("sync failed: " + refused).doesNotContain("cannot reach");
      assertThat(sync.stdout() + sync.stderr()).doesNotContain("wrong-pw");
      assertThat(status.stdout()).as(status.toString())
          .contains("\"repository\" : \"team/app\"", "\"state\" : \"failed\"", "\"lastError\" : \"" + refused)
          .doesNotContain("wrong-pw");
    }
  }
}
