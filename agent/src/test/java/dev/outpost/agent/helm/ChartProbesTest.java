package dev.outpost.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.outpost.agent.Main;
import dev.outpost.agent.runtime.OutpostRuntime;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's probes and its {@code helm test} command, run against a real Outpost started from the
 * chart's own outpost.yaml (only the storage path and the listen ports moved, to a temporary
 * directory and free loopback ports).
 */
class ChartProbesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir
  Path scratch;

  @Test
  void theProbesAndTheTestHookGetAnswersFromARunningOutpostConfiguredByTheChart() throws Exception {
    Rendered rendered = new Rendered(new StrictManifests().read(new Chart(scratch).template(ValueSets.HTTP)));
    Container outpost = ChartWorkloadTest.container(rendered.one(StatefulSet.class, "site-outpost"));

    try (OutpostRuntime runtime = OutpostRuntime.start(AgentConfigs.load(onLoopback(ChartWorkloadTest.outpostYaml(rendered))),
        Clock.systemUTC());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      assertThat(get(http, runtime.adminPort(), outpost.getLivenessProbe())).isEqualTo(200);
      assertThat(get(http, runtime.adminPort(), outpost.getStartupProbe())).isEqualTo(200);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int check = Main.execute(new String[] {"check", "http://127.0.0.1:" + runtime.registryPort() + "/v2/"}, Map.of(),
          new PrintWriter(out, true), new PrintWriter(err, true));
      assertThat(check).as("%s%s", out, err).isZero();

      assertThat(get(http, runtime.adminPort(), outpost.getReadinessProbe())).isEqualTo(200);
    }
  }

  private String onLoopback(String outpostYaml) throws Exception {
    ObjectNode config = (ObjectNode) YAML.readTree(outpostYaml);
    ((ObjectNode) config.get("storage")).put("path", scratch.resolve("store").toString());
    ((ObjectNode) config.get("serve")).put("listen", "127.0.0.1:0");
    ((ObjectNode) config.get("admin")).put("listen", "127.0.0.1:0");
    return YAML.writeValueAsString(config);
  }

  private static int get(HttpClient http, int port, Probe probe) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + probe.getHttpGet().getPath());
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
