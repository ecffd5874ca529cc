package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that need a running Outpost, run when none is: the message says so in words. */
class NoRunningOutpostTest {
  @TempDir
  Path dir;

  private Path config;
  private String adminAddress;

  @BeforeEach
  void configWithANonListeningAdminAddress() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    adminAddress = "127.0.0.1:" + closedPort;
    config = dir.resolve("outpost.yaml");
    Files.writeString(config, """
        storage: {path: "%s"}
        parent: {url: "http://127.0.0.1:1"}
        admin: {listen: "%s"}
        """.formatted(dir.resolve("store"), adminAddress));
  }

  @Test
  void resyncSaysNoOutpostIsRunningWithoutJavaClassNames() {
    CliRun resync = CliRun.of("resync", "--config", config.toString());

    assertThat(resync.exitCode()).as(resync.toString()).isEqualTo(ExitCodes.STORE_BUSY);
    assertThat(resync.stderr()).as(resync.toString())
        .contains("no running Outpost answers at http://" + adminAddress)
        .doesNotContainPattern("java\\.|Exception|\\n\\s+at ");
  }

  @Test
  void tokenOnAStoreHeldByAProcessWithoutAdminApiSaysBothWithoutJavaClassNames() {
    // The store held as 'outpost sync --once' holds it: locked, and no admin API to ask instead.
    try (LocalStore held = RocksLocalStore.open(dir.resolve("store"))) {
      CliRun token = CliRun.of("token", "list", "--config", config.toString());

      assertThat(token.exitCode()).as(token.toString()).isEqualTo(ExitCodes.STORE_BUSY);
      assertThat(token.stderr()).as(token.toString())
          .contains("is in use by another Outpost process", "no running Outpost answers at http://" + adminAddress)
          .doesNotContainPattern("java\\.|Exception|\\n\\s+at ");
    }
  }
}
