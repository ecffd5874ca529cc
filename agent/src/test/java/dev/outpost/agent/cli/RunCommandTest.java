package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code outpost run} failing to start, as a site engineer sees it. */
class RunCommandTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"serve", "admin"})
  void aListenAddressInUseIsOneLineAndTheConfigurationExitCode(String section) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String busy = "127.0.0.1:" + taken.getLocalPort();
      Path config = dir.resolve("outpost.yaml");
      Files.writeString(config, """
          storage: {path: "%s"}
          serve: {listen: "%s", httpEnabled: true}
          admin: {listen: "%s"}
          """.formatted(dir.resolve("store"), section.equals("serve") ? busy : "127.0.0.1:0",
          section.equals("admin") ? busy : "127.0.0.1:0"));

      CliRun run = CliRun.of("run", "--config", config.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
      assertThat(run.stderr()).as(run.toString())
          .isEqualTo("outpost: cannot listen on " + busy + ": address already in use (" + section + ".listen)"
              + System.lineSeparator());
    }
  }
}
