package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.Main;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent is read again before every pass (secrets rotate); {@link ReloadingSyncPass} keeps its
 * engine (bandwidth budget, connections, token caches) while the parent read is equal to the last.
 * So equal configuration must give equal endpoints, TLS trust and proxies included.
 */
class ParentFactoryTest {
  @TempDir
  Path dir;

  @Test
  void theSameConfigurationReadTwiceIsTheSameParentUntilTheCaFileChanges() throws Exception {
    Path tls = dir.resolve("tls");
    Main.execute(new String[] {"tls", "init", "--ip", "127.0.0.1", "--out", tls.toString()}, Map.of(),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Path ca = Files.copy(tls.resolve("ca.crt"), dir.resolve("parent-ca.crt"));
    Path file = Files.writeString(dir.resolve("outpost.yaml"), "storage: {path: \"" + dir.resolve("store") + "\"}\n"
        + "parent: {url: \"https://hub.example:5000\", caFile: \"" + ca + "\"}\n");
    OutpostConfig config = new ConfigLoader(Map.of()).load(file);

    ParentEndpoint first = ParentFactory.parentOf(config).orElseThrow();
    ParentEndpoint second = ParentFactory.parentOf(config).orElseThrow();
    assertThat(second).isEqualTo(first);

    Main.execute(new String[] {"tls", "init", "--ip", "127.0.0.1", "--new-ca", "--out", tls.toString()}, Map.of(),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Files.copy(tls.resolve("ca.crt"), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(ParentFactory.parentOf(config).orElseThrow()).as("a rotated CA is a new parent").isNotEqualTo(first);
  }
}
