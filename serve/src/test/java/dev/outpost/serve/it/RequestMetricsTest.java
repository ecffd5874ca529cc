package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests are measured, on a registry of its own: with no other traffic, the counts are exactly
 * this test's request (a shared registry's counters would pass whatever this request did).
 */
class RequestMetricsTest {
  @Test
  void aRequestIsTimedAndItsBodyBytesCounted(@TempDir Path directory) throws InterruptedException {
    try (TestRegistry registry = new TestRegistry(directory)) {
      Timer manifestGets = registry.meters.timer("outpost.serve.requests",
          "route", "manifest", "method", "GET", "status", "200");
      Counter bytes = registry.meters.counter("outpost.serve.bytes");

      assertThat(registry.http.get("/v2/library/hello/manifests/latest", TestRegistry.basic("all")).statusCode())
          .isEqualTo(200);

      // Recorded when the exchange completes, which may be just after the client has the reply;
      // the byte counter is recorded last.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (bytes.count() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(manifestGets.count()).isEqualTo(1);
      assertThat(bytes.count()).isEqualTo((double) registry.hello.manifest().size());
    }
  }
}
