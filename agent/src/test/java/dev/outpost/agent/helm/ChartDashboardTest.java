package dev.outpost.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.runtime.StatusAndWebhooksInRunTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard shipped with the chart: it renders into a ConfigMap for Grafana's sidecar
 * when asked, and every metric it queries is one {@code outpost run} exports (the list that
 * {@link StatusAndWebhooksInRunTest} finds in a real {@code /metrics} scrape).
 */
class ChartDashboardTest {
  private static final Pattern METRIC = Pattern.compile("\\boutpost_[a-z_]+");

  @TempDir
  Path scratch;

  @Test
  void theDashboardConfigMapCarriesTheDashboardWithTheSidecarLabelOnlyWhenAsked() throws Exception {
    Chart chart = new Chart(scratch);
    assertThat(render(chart, ValueSets.DEFAULTS).all(ConfigMap.class))
        .noneMatch(c -> c.getMetadata().getName().endsWith("-dashboard"));

    ConfigMap map = render(chart, "metrics:\n  grafanaDashboard:\n    enabled: true\n    labels: {team: edge}\n")
        .one(ConfigMap.class, "site-outpost-dashboard");

    assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1").containsEntry("team", "edge");
    JsonNode shipped = new ObjectMapper().readTree(map.getData().get("outpost.json"));
    assertThat(shipped).isEqualTo(new ObjectMapper().readTree(dashboardFile(chart).toFile()));
  }

  @Test
  void everyMetricTheDashboardQueriesIsOneOutpostExports() throws Exception {
    Set<String> queried = queriedMetrics(new ObjectMapper().readTree(dashboardFile(new Chart(scratch)).toFile()));

    assertThat(queried).isNotEmpty();
    assertThat(StatusAndWebhooksInRunTest.DASHBOARD_METRICS).containsAll(queried);
    assertThat(queried).contains("outpost_sync_bytes_total", "outpost_sync_lag_seconds", "outpost_sync_window_open",
        "outpost_sync_bandwidth_limit_bytes");
    assertThat(queried).anyMatch(m -> m.startsWith("outpost_sync_pass_duration_seconds"));
  }

  private static Set<String> queriedMetrics(JsonNode dashboard) {
    Set<String> metrics = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").asText());
        while (m.find()) {
          metrics.add(m.group());
        }
      }
    }
    return metrics;
  }

  private static Path dashboardFile(Chart chart) {
    Path file = chart.directory().resolve("dashboards/outpost.json");
    assertThat(Files.isRegularFile(file)).as(file.toString()).isTrue();
    return file;
  }

  private Rendered render(Chart chart, String values) {
    return new Rendered(new StrictManifests().read(chart.template(values)));
  }
}
