package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.status.RepoStatus;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.fixtures.ParentRegistryFixture;
import dev.outpost.store.image.ImageBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outpost run} with a webhook whose receiver hangs: the pass completes and status says
 * {@code synced} while the receiver still holds the first event; {@code /status} carries the sync
 * summary and {@code /metrics} the sync metrics the dashboard queries.
 */
public class StatusAndWebhooksInRunTest {
  /** Every metric helm/outpost/dashboards/outpost.json queries; OutpostDashboardTest checks the file against it. */
  public static final java.util.List<String> DASHBOARD_METRICS = java.util.List.of("outpost_sync_bytes_total",
      "outpost_sync_blobs_total", "outpost_sync_lag_seconds", "outpost_sync_window_open",
      "outpost_sync_bandwidth_limit_bytes", "outpost_sync_pass_duration_seconds_count",
      "outpost_sync_pass_duration_seconds_sum", "outpost_sync_pass_duration_seconds_max",
      "outpost_notify_dropped_total", "outpost_notify_failures_total", "outpost_sync_pass_bytes_remaining",
      "outpost_sync_pass_eta_seconds");

  @TempDir
  Path dir;


  @Test
  void aHangingReceiverDoesNotHoldUpSyncAndStatusAndMetricsTellThePass() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      reached.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try (ParentRegistryFixture parent = ParentRegistryFixture.start()) {
      parent.push("library/a", "v1", ImageBuilder.oci().randomLayer(1, 100_000).build());
      Path config = dir.resolve("outpost.yaml");
      Files.writeString(config, """
          storage: {path: "%s"}
          serve: {listen: "127.0.0.1:0", httpEnabled: true}
          admin: {listen: "127.0.0.1:0"}
          parent: {url: "%s"}
          sync: {repositories: ["library/a"], passInterval: PT1H, maxBandwidth: 2.5MB}
          notify:
            webhooks:
              - url: http://127.0.0.1:%d/hook
                events: [pass.completed, pass.failed, image.synced]
                secret: hook-secret
          """.formatted(dir.resolve("store"), parent.url(), receiver.getAddress().getPort()));

      try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
        AdminProbe admin = new AdminProbe(running);
        StatusReport status = admin.awaitStatus(s -> s.repositories().stream().anyMatch(r -> r.state().equals("synced"))
            && s.sync() != null && s.sync().lastPassSeconds() != null, "the pass did not finish");
        assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(release.getCount()).as("the receiver still holds the first event").isEqualTo(1);

        RepoStatus repo = status.repositories().getFirst();
        assertThat(repo.progress()).isNotNull();
        assertThat(status.sync().windowOpen()).isTrue();
        assertThat(status.sync().bandwidthLimitBytesPerSecond()).isEqualTo(2_500_000L);
        String metrics = admin.get("/metrics");
        for (String metric : DASHBOARD_METRICS) {
          assertThat(metrics).as(metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
        assertThat(metrics).contains("outpost_sync_bandwidth_limit_bytes 2500000.0", "outpost_sync_window_open 1.0");
        assertThat(metrics).containsPattern("outpost_sync_lag_seconds\\{repository=\"library/a\"\\} \\d");
      } finally {
        release.countDown();
      }
    } finally {
      receiver.stop(0);
    }
  }
}
