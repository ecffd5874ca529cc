package dev.outpost.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.outpost.agent.config.AccessLogConfig;
import dev.outpost.agent.config.ByteSize;
import dev.outpost.serve.ServeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access log's own file: lines as written (no diagnostic pattern around them), rotated by size. */
class AccessLogSetupTest {
  @AfterEach
  void detach() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(ServeSettings.ACCESS_LOGGER).detachAndStopAllAppenders();
  }

  @Test
  void linesGoToTheFileAloneAndRotateAtMaxSize(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    AccessLogSetup.install(new AccessLogConfig("logfmt", file, ByteSize.parse("1Ki"), 2));
    org.slf4j.Logger access = LoggerFactory.getLogger(ServeSettings.ACCESS_LOGGER);
    String line = "client=10.0.0.1 route=blob status=200 " + "x".repeat(100);

    access.info(line);
    assertThat(Files.readAllLines(file)).containsExactly(line);
    assertThat(((Logger) access).isAdditive()).as("not also on stderr").isFalse();

    // The size is checked on a rate-limited schedule, so keep writing until the first rotation shows.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(dir.resolve("access.log.1")) && System.nanoTime() < deadline) {
      access.info(line);
      Thread.sleep(5);
    }
    assertThat(dir.resolve("access.log.1")).exists();
    assertThat(Files.readAllLines(dir.resolve("access.log.1"))).allMatch(line::equals);
  }
}
