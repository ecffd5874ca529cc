package dev.outpost.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cert-manager, trust distribution, the ServiceMonitor, the test hook and NOTES.txt. */
class ChartOptionsTest {
  private static final String NAME = "site-outpost";

  @TempDir
  Path scratch;

  @Test
  void certManagerIssuesTheServingCertificateFromASiteCaForTheServicesNamesAndAddress() {
    Rendered rendered = render(ValueSets.CERT_MANAGER);

    CertManager.Certificate serving = rendered.one(CertManager.Certificate.class, NAME + "-tls", c -> c.metadata().getName());
    assertThat(ChartWorkloadTest.tlsSecretOf(rendered.one(StatefulSet.class, NAME))).contains(serving.spec().secretName());
    assertThat(serving.spec().dnsNames()).contains(NAME + ".edge.svc", "registry.site.example");
    assertThat(serving.spec().ipAddresses()).containsExactly("10.43.0.50");
    assertThat(serving.spec().isCA()).isNull();
    assertThat(serving.spec().issuerRef().name()).isEqualTo(NAME + "-ca");

    CertManager.Issuer ca = rendered.one(CertManager.Issuer.class, NAME + "-ca", i -> i.metadata().getName());
    CertManager.Certificate caCert = rendered.one(CertManager.Certificate.class, NAME + "-ca", c -> c.metadata().getName());
    assertThat(caCert.spec().isCA()).isTrue();
    assertThat(ca.spec().ca().secretName()).isEqualTo(caCert.spec().secretName());
    assertThat(caCert.spec().issuerRef().name()).isEqualTo(NAME + "-selfsigned");
    assertThat(rendered.one(CertManager.Issuer.class, NAME + "-selfsigned", i -> i.metadata().getName()).spec().selfSigned())
        .isNotNull();
  }

  @Test
  void certManagerWithAnIssuerOfTheSitesOwnMakesNoCa() {
    Rendered rendered = render("cert-manager:\n  enabled: true\n  issuerRef:\n    name: site-pki\n    kind: ClusterIssuer\n");

    assertThat(rendered.all(CertManager.Issuer.class)).isEmpty();
    CertManager.Certificate serving = rendered.all(CertManager.Certificate.class).get(0);
    assertThat(serving.spec().issuerRef()).isEqualTo(new CertManager.IssuerRef("site-pki", "ClusterIssuer", "cert-manager.io"));
  }

  @Test
  void trustDistributionCopiesHostsTomlAndTheCaIntoEveryNodesCertsDirectory() throws Exception {
    Rendered rendered = render(ValueSets.TRUST_DISTRIBUTION);
    DaemonSet daemonSet = rendered.one(DaemonSet.class, NAME + "-node-trust");
    String certsD = "/var/lib/rancher/k3s/agent/etc/containerd/certs.d";

    JsonNode hosts = new TomlMapper().readTree(
        rendered.one(ConfigMap.class, NAME + "-node-trust").getData().get("hosts.toml"));
    assertThat(hosts.path("server").asText()).isEqualTo("https://myregistry.azurecr.io");
    JsonNode outpost = hosts.path("host").path("https://10.43.0.50:443");
    assertThat(outpost.path("capabilities")).extracting(JsonNode::asText).containsExactly("pull", "resolve");
    assertThat(outpost.path("ca").asText()).isEqualTo(certsD + "/myregistry.azurecr.io/ca.crt");

    var pod = daemonSet.getSpec().getTemplate().getSpec();
    Container copier = pod.getContainers().get(0);
    assertThat(copier.getArgs()).containsExactly("node-trust", "--from", "/etc/outpost/node-trust", "--to", "/host/certs.d");
    Volume hostDir = volume(pod.getVolumes(), "certs-d");
    assertThat(hostDir.getHostPath().getPath()).isEqualTo(certsD);
    assertThat(copier.getVolumeMounts()).anySatisfy(m -> assertThat(m.getName() + m.getMountPath()).isEqualTo("certs-d/host/certs.d"));
    List<VolumeProjection> sources = volume(pod.getVolumes(), "trust").getProjected().getSources();
    assertThat(sources).flatMap(s -> s.getConfigMap() != null ? s.getConfigMap().getItems() : s.getSecret().getItems())
        .extracting(KeyToPath::getPath)
        .containsExactlyInAnyOrder("myregistry.azurecr.io/hosts.toml", "myregistry.azurecr.io/ca.crt");
    assertThat(sources).filteredOn(s -> s.getSecret() != null).singleElement()
        .satisfies(s -> assertThat(s.getSecret().getName()).isEqualTo(NAME + "-tls"));
    assertThat(copier.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(copier.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(copier.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void aServiceMonitorScrapesTheAdminServiceWhenAsked() {
    assertThat(render(ValueSets.DEFAULTS).all(ServiceMonitor.class)).isEmpty();
    Rendered rendered = render("metrics:\n  serviceMonitor:\n    enabled: true\n    labels:\n      release: prometheus\n");

    ServiceMonitor monitor = rendered.one(ServiceMonitor.class, NAME);
    Service admin = rendered.one(Service.class, NAME + "-admin");
    assertThat(admin.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
    assertThat(rendered.one(Service.class, NAME).getMetadata().getLabels())
        .as("the registry Service is not scraped").doesNotContainEntry("app.kubernetes.io/component", "admin");
    assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(e -> {
      assertThat(e.getPort()).isEqualTo(admin.getSpec().getPorts().get(0).getName());
      assertThat(e.getPath()).isEqualTo("/metrics");
    });
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
  }

  @Test
  void theTestHookChecksV2WithTheOutpostImageTrustingTheSitesCa() throws Exception {
    Chart chart = new Chart(scratch);
    Rendered rendered = new Rendered(new StrictManifests().read(chart.templateWithTestHooks(ValueSets.TLS_SECRET)));

    Pod test = rendered.one(Pod.class, NAME + "-test-endpoint");
    assertThat(test.getMetadata().getAnnotations()).containsEntry("outpost.dev/was-hook", "test");
    Container check = test.getSpec().getContainers().get(0);
    assertThat(check.getImage()).isEqualTo(ChartWorkloadTest.container(rendered.one(StatefulSet.class, NAME)).getImage());
    assertThat(check.getCommand()).as("the image's entrypoint runs the outpost CLI").isEmpty();
    assertThat(check.getArgs()).containsExactly("check", "https://" + NAME + ".edge.svc:443/v2/", "--ca", "/etc/outpost/tls/ca.crt");
    assertThat(volume(test.getSpec().getVolumes(), "tls").getSecret().getSecretName()).isEqualTo("site-certs");
    assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(Files.readString(chart.directory().resolve("templates/tests/test-endpoint.yaml")))
        .contains("helm.sh/hook: test");

    Pod plain = new Rendered(new StrictManifests().read(chart.templateWithTestHooks(ValueSets.HTTP)))
        .one(Pod.class, NAME + "-test-endpoint");
    assertThat(plain.getSpec().getContainers().get(0).getArgs()).containsExactly("check", "http://" + NAME + ".edge.svc:80/v2/");
  }

  @Test
  void notesSayHowToCreateATokenAndPrintTheK3sRegistriesYaml() throws Exception {
    String notes = new Chart(scratch).installDryRunOutput(ValueSets.TLS_SECRET);

    assertThat(notes).contains("kubectl -n edge exec statefulset/" + NAME + " -- \\\n"
        + "    /opt/java/bin/java @/app/outpost token create site-client --repository 'team/*' --config /etc/outpost/outpost.yaml");
    String snippet = notes.substring(notes.indexOf("mirrors:"), notes.indexOf("\n\n", notes.indexOf("mirrors:")));
    JsonNode registries = new ObjectMapper(new YAMLFactory()).readTree(snippet);
    assertThat(registries.path("mirrors").path("myregistry.azurecr.io").path("endpoint").get(0).asText())
        .isEqualTo("https://10.43.0.50:443");
    assertThat(registries.path("configs").path("10.43.0.50:443").path("tls").path("ca_file").asText())
        .isEqualTo("/etc/rancher/k3s/outpost-ca.crt");
    assertThat(notes).doesNotContain(ValueSets.CONNECTION_STRING);
  }

  private Rendered render(String values) {
    return new Rendered(new StrictManifests().read(new Chart(scratch).template(values)));
  }

  private static Volume volume(List<Volume> volumes, String name) {
    return volumes.stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
  }
}
