package dev.outpost.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What refuses a wrong chart or wrong values: helm lint, the values schema, the strict reader. */
class ChartValidationTest {
  @TempDir
  Path scratch;

  @Test
  void helmLintStrictPasses() {
    LintResult lint = new Chart(scratch).lintStrict();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @Test
  void aMisspeltValueIsRefusedByTheSchemaNamingIt() {
    Chart chart = new Chart(scratch);

    assertThatThrownBy(() -> chart.template("pvc:\n  storageClass: local-path\n"))
        .hasMessageContaining("/pvc")
        .hasMessageContaining("'storageClass' not allowed");
    assertThatThrownBy(() -> chart.template("sync:\n  chunkSizeMb: 16\n"))
        .hasMessageContaining("/sync").hasMessageContaining("'chunkSizeMb' not allowed");
    assertThatThrownBy(() -> chart.template("htttpEnabled: true\n"))
        .hasMessageContaining("'htttpEnabled' not allowed");
    assertThatThrownBy(() -> chart.template("cert-manager:\n  enable: true\n"))
        .hasMessageContaining("'enable' not allowed");
  }

  @Test
  void wrongTypesAndFormatsAreRefusedByTheSchema() {
    Chart chart = new Chart(scratch);

    assertThatThrownBy(() -> chart.template("httpEnabled: \"yes\"\n")).hasMessageContaining("/httpEnabled");
    assertThatThrownBy(() -> chart.template("sync:\n  chunkSizeInMb: 4096\n")).hasMessageContaining("/sync/chunkSizeInMb");
    assertThatThrownBy(() -> chart.template("sync:\n  window: 6h\n")).hasMessageContaining("/sync/window");
    assertThatThrownBy(() -> chart.template("service:\n  type: Ingress\n")).hasMessageContaining("/service/type");
    assertThatThrownBy(() -> chart.template("sync:\n  concurrency: 0\n")).hasMessageContaining("/sync/concurrency");
    assertThatThrownBy(() -> chart.template("sync:\n  bandwidthProfile:\n    - {from: \"06:00\", to: \"22:00\"}\n"))
        .hasMessageContaining("/sync/bandwidthProfile/0").hasMessageContaining("limit");
    assertThatThrownBy(() -> chart.template(
        "sync:\n  bandwidthProfile:\n    - {from: \"6:00\", to: \"22:00\", limit: 2Mbit}\n"))
        .hasMessageContaining("/sync/bandwidthProfile/0/from");
  }

  @Test
  void contradictoryOrMissingValuesFailWithWhatToSet() {
    Chart chart = new Chart(scratch);

    assertThatThrownBy(() -> chart.template("cert-manager:\n  enabled: true\ntls:\n  secretName: mine\n"))
        .hasMessageContaining("cert-manager.enabled and tls.secretName");
    assertThatThrownBy(() -> chart.template("trustDistribution:\n  enabled: true\n"))
        .hasMessageContaining("trustDistribution.upstream is required");
    assertThatThrownBy(() -> chart.template("trustDistribution:\n  enabled: true\n  upstream: myregistry.azurecr.io\n"))
        .hasMessageContaining("service.clusterIP").hasMessageContaining("trustDistribution.endpoint");
  }

  @Test
  void theStrictReaderRefusesAFieldTheKubernetesModelDoesNotHave() {
    String misspelt = """
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          ports:
            - port: 443
              targetPrt: registry
        """;

    assertThatThrownBy(() -> new StrictManifests().read(misspelt)).hasMessageContaining("targetPrt");
  }

  @Test
  void theStrictReaderRefusesAFieldCertManagerDoesNotHave() {
    String misspelt = """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: c
        spec:
          secretName: s
          dnsName: [a]
        """;

    assertThatThrownBy(() -> new StrictManifests().read(misspelt)).hasMessageContaining("dnsName");
  }
}
