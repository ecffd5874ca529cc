package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.serve.ServeSettings;
import dev.outpost.serve.audit.AccessLogFormat;
import dev.outpost.serve.auth.TokenFixtures;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The access log over real HTTP: one line per request with who, what and how it went, and nothing
 * secret (no password, no Authorization value, no query string). The lines are read where the
 * agent picks them up, the {@link ServeSettings#ACCESS_LOGGER} logger.
 */
class AccessLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyRequestIsOneJsonLineWithoutSecrets(@TempDir Path directory) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ServeSettings.ACCESS_LOGGER);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO); // whatever the test logging config says of other loggers
    logger.addAppender(lines);
    try (TestRegistry registry = new TestRegistry(directory, s -> s.withAccessLog(AccessLogFormat.JSON))) {
      String digest = registry.hello.manifest().digest().toString();
      registry.http.get("/v2/library/hello/manifests/latest", TestRegistry.basic("all"));
      registry.http.get("/v2/library/hello/tags/list?n=1&last=secret-in-query", TestRegistry.basic("all"));
      registry.http.get("/oauth2/token?service=x&scope=repository:library/hello:pull", Http.basic("team", "wrong-pw"));
      registry.http.get("/v2/library/hello/manifests/" + digest, TestRegistry.basic("all"));
      awaitLines(lines, 4);

      List<JsonNode> records = lines.list.stream().map(e -> read(e.getFormattedMessage())).toList();
      assertThat(records).hasSize(4);
      JsonNode manifest = records.get(0);
      assertThat(manifest.get("client").asText()).isEqualTo("127.0.0.1");
      assertThat(manifest.get("token").asText()).isEqualTo("all");
      assertThat(manifest.get("method").asText()).isEqualTo("GET");
      assertThat(manifest.get("route").asText()).isEqualTo("manifest");
      assertThat(manifest.get("repository").asText()).isEqualTo("library/hello");
      assertThat(manifest.get("reference").asText()).isEqualTo("latest");
      assertThat(manifest.get("status").asInt()).isEqualTo(200);
      assertThat(manifest.get("bytes").asLong()).isEqualTo(registry.hello.manifest().size());
      assertThat(manifest.has("time") && manifest.has("duration_ms")).isTrue();
      assertThat(records.get(1).get("route").asText()).isEqualTo("tags");
      assertThat(records.get(2).get("route").asText()).isEqualTo("token");
      assertThat(records.get(2).get("token").asText()).as("the name tried, not its password").isEqualTo("team");
      assertThat(records.get(2).get("status").asInt()).isEqualTo(401);
      assertThat(records.get(3).get("reference").asText()).isEqualTo(digest);
      assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(line -> line.contains("wrong-pw") || line.contains(TokenFixtures.PASSWORD)
              || line.contains("Basic ") || line.contains("secret-in-query"));
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
    }
  }

  @Test
  void logfmtQuotesOnlyWhatNeedsIt() {
    var record = new dev.outpost.serve.audit.AccessRecord(java.time.Instant.parse("2026-06-01T12:00:00Z"), "10.0.0.1",
        "a \"b\"", "GET", "blob", "team/app", "sha256:ab", 206, 10, 3);
    assertThat(AccessLogFormat.LOGFMT.format(record)).isEqualTo("time=2026-06-01T12:00:00Z client=10.0.0.1"
        + " token=\"a \\\"b\\\"\" method=GET route=blob repository=team/app reference=sha256:ab status=206 bytes=10"
        + " duration_ms=3");
  }

  @Test
  void requestsAreCountedByRouteAndStatus(@TempDir Path directory) throws Exception {
    try (TestRegistry registry = new TestRegistry(directory)) {
      registry.http.get("/v2/library/hello/manifests/latest", TestRegistry.basic("all"));
      registry.http.get("/v2/library/hello/manifests/nope", TestRegistry.basic("all"));
      Counter ok = registry.meters.counter("outpost.serve.requests.total", "route", "manifest", "status", "200");
      Counter missing = registry.meters.counter("outpost.serve.requests.total", "route", "manifest", "status", "404");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (missing.count() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(ok.count()).isEqualTo(1);
      assertThat(missing.count()).isEqualTo(1);
      assertThat(registry.meters.timer("outpost.serve.requests", "route", "manifest", "method", "GET", "status", "200")
          .takeSnapshot().histogramCounts()).as("latency buckets").hasSizeGreaterThan(10);
    }
  }

  /** Lines are written when each exchange completes, which may be just after the client has its reply. */
  private static void awaitLines(ListAppender<ILoggingEvent> lines, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (lines.list.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
