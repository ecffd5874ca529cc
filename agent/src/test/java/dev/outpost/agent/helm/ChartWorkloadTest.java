package dev.outpost.agent.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.sync.engine.SyncSettings;
import dev.outpost.sync.link.Bandwidth;
import dev.outpost.sync.link.BandwidthProfile;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The StatefulSet, its Services, ConfigMap and Secret, as {@code helm template} renders them. */
class ChartWorkloadTest {
  private static final String NAME = "site-outpost";

  @TempDir
  Path scratch;

  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("defaults", ValueSets.DEFAULTS),
        Arguments.of("tls.secretName", ValueSets.TLS_SECRET),
        Arguments.of("httpEnabled", ValueSets.HTTP),
        Arguments.of("cert-manager", ValueSets.CERT_MANAGER),
        Arguments.of("trustDistribution", ValueSets.TRUST_DISTRIBUTION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void oneReplicaOwnsOneVolumeAndRunsAsNonRoot(String name, String values) {
    StatefulSet set = render(values).one(StatefulSet.class, NAME);

    assertThat(set.getSpec().getReplicas()).isEqualTo(1);
    assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement()
        .satisfies(pvc -> assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteOnce"));
    Container outpost = container(set);
    assertThat(outpost.getVolumeMounts()).filteredOn(m -> m.getName().equals("data"))
        .singleElement().extracting(VolumeMount::getMountPath).isEqualTo("/var/lib/outpost");

    PodSpec pod = set.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(65532L);
    assertThat(outpost.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(outpost.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(outpost.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void probesAndPortsAreTheListenersTheConfigurationOpens(String name, String values) {
    Rendered rendered = render(values);
    StatefulSet set = rendered.one(StatefulSet.class, NAME);
    Container outpost = container(set);
    OutpostConfig config = AgentConfigs.load(outpostYaml(rendered));

    assertThat(outpost.getArgs()).containsExactly("run", "--config", "/etc/outpost/outpost.yaml");
    assertThat(outpost.getVolumeMounts()).filteredOn(m -> m.getName().equals("config")).singleElement()
        .satisfies(m -> assertThat(m.getMountPath() + "|" + m.getSubPath()).isEqualTo("/etc/outpost/outpost.yaml|outpost.yaml"));
    int admin = config.admin().listen().port();
    assertThat(admin).isEqualTo(9090);
    assertThat(config.admin().listen().host()).isEqualTo("0.0.0.0");
    assertThat(port(outpost, outpost.getLivenessProbe().getHttpGet().getPort())).isEqualTo(admin);
    assertThat(port(outpost, outpost.getStartupProbe().getHttpGet().getPort())).isEqualTo(admin);
    assertThat(port(outpost, outpost.getReadinessProbe().getHttpGet().getPort())).isEqualTo(admin);
    assertThat(outpost.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(outpost.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(outpost.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");

    Service registry = rendered.one(Service.class, NAME);
    assertThat(registry.getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(port(outpost, p.getTargetPort())).isEqualTo(config.serve().listen().port()));
    assertThat(config.serve().listen().host()).isEqualTo("0.0.0.0");
    Service adminService = rendered.one(Service.class, NAME + "-admin");
    assertThat(set.getSpec().getServiceName()).isEqualTo(NAME + "-admin");
    assertThat(adminService.getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(port(outpost, p.getTargetPort())).isEqualTo(admin));
    assertThat(config.storage().path()).isEqualTo(Path.of("/var/lib/outpost"));
  }

  @Test
  void defaultsServeTlsFromTheReleasesTlsSecretWith500GiOfTheDefaultStorageClass() {
    Rendered rendered = render(ValueSets.DEFAULTS);
    StatefulSet set = rendered.one(StatefulSet.class, NAME);

    PersistentVolumeClaim pvc = set.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(pvc.getSpec().getStorageClassName()).isNull();
    assertThat(pvc.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("500Gi"));
    assertThat(tlsSecretOf(set)).contains(NAME + "-tls");
    assertThat(container(set).getEnv()).isEmpty();
    assertThat(rendered.all(Secret.class)).isEmpty();
    assertThat(rendered.one(Service.class, NAME).getSpec().getPorts().get(0).getPort()).isEqualTo(443);
    assertServesTls(outpostYaml(rendered));
  }

  @Test
  void aConnectionStringIsASecretThatReachesTheContainerAsAcrsVariable() {
    Rendered rendered = render(ValueSets.TLS_SECRET);
    StatefulSet set = rendered.one(StatefulSet.class, NAME);

    EnvVar env = container(set).getEnv().stream().filter(e -> e.getName().equals("ACR_REGISTRY_CONNECTION_STRING"))
        .findFirst().orElseThrow();
    assertThat(env.getValue()).as("never inline").isNull();
    String secretName = env.getValueFrom().getSecretKeyRef().getName();
    Secret secret = rendered.one(Secret.class, secretName);
    String stored = secret.getData().get(env.getValueFrom().getSecretKeyRef().getKey());
    assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.UTF_8)).isEqualTo(ValueSets.CONNECTION_STRING);
    assertThat(outpostYaml(rendered)).doesNotContain("SyncTokenPassword");
  }

  @Test
  void acrValueNamesReachThePvcTheServiceAndTheSyncConfiguration() {
    Rendered rendered = render(ValueSets.TLS_SECRET);
    StatefulSet set = rendered.one(StatefulSet.class, NAME);

    PersistentVolumeClaim pvc = set.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("local-path");
    assertThat(pvc.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("50Gi"));
    Service service = rendered.one(Service.class, NAME);
    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("10.43.0.50");
    assertThat(tlsSecretOf(set)).contains("site-certs");

    OutpostConfig config = AgentConfigs.load(outpostYaml(rendered));
    assertThat(config.sync().chunkSizeMb()).isEqualTo(16);
    assertThat(config.sync().repositories()).extracting(Object::toString).containsExactly("team/*", "library/hello");
    assertThat(config.sync().schedule()).isEqualTo("0 22 * * *");
    assertThat(config.sync().window()).hasHours(6);
    assertServesTls(outpostYaml(rendered));
  }

  @Test
  void theLinkValuesReachTheSyncConfiguration() {
    Rendered rendered = render(ValueSets.HTTP + """
        sync:
          concurrency: 8
          maxBandwidth: 20Mbit
          bandwidthProfile:
            - {from: "22:00", to: "06:00", limit: unlimited}
            - {from: "06:00", to: "22:00", limit: 250000}
        """);

    SyncSettings settings = AgentConfigs.load(outpostYaml(rendered)).sync().settings();
    assertThat(settings.concurrency()).isEqualTo(8);
    assertThat(settings.maxBandwidth()).contains(Bandwidth.parse("20Mbit"));
    BandwidthProfile profile = settings.linkProfile();
    assertThat(profile.limitAt(Instant.parse("2026-12-01T23:30:00Z"))).as("unlimited at night").isEmpty();
    assertThat(profile.limitAt(Instant.parse("2026-12-01T12:00:00Z"))).contains(new Bandwidth(250_000));
  }

  @Test
  void httpEnabledServesPlainHttpOnPort80AndReadsAnExistingSecret() {
    Rendered rendered = render(ValueSets.HTTP);
    StatefulSet set = rendered.one(StatefulSet.class, NAME);

    assertThat(tlsSecretOf(set)).isEmpty();
    assertThat(container(set).getVolumeMounts()).extracting(VolumeMount::getName).doesNotContain("tls");
    assertThat(rendered.one(Service.class, NAME).getSpec().getPorts().get(0).getPort()).isEqualTo(80);
    EnvVar env = container(set).getEnv().get(0);
    assertThat(env.getName()).isEqualTo("ACR_REGISTRY_CONNECTION_STRING");
    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("acr-connection");
    assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("connection-string");
    assertThat(rendered.all(Secret.class)).as("the chart does not own an existing Secret").isEmpty();

    String yaml = outpostYaml(rendered);
    assertThat(yaml).contains("httpEnabled: true").doesNotContain("tls:");
    AgentConfigs.load(yaml);
  }

  private static void assertServesTls(String outpostYaml) {
    assertThat(outpostYaml).contains("certFile: /etc/outpost/tls/tls.crt", "keyFile: /etc/outpost/tls/tls.key")
        .doesNotContain("httpEnabled");
  }

  private Rendered render(String values) {
    return new Rendered(new StrictManifests().read(new Chart(scratch).template(values)));
  }

  static String outpostYaml(Rendered rendered) {
    return rendered.one(ConfigMap.class, NAME).getData().get("outpost.yaml");
  }

  static Container container(StatefulSet set) {
    return set.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("outpost")).findFirst().orElseThrow();
  }

  /** The container port a probe or Service names, by name or number; fails if it names none. */
  static int port(Container container, IntOrString ref) {
    return container.getPorts().stream()
        .filter(p -> ref.getIntVal() != null ? ref.getIntVal().equals(p.getContainerPort()) : ref.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort).findFirst()
        .orElseThrow(() -> new AssertionError("no container port " + ref + " in " + container.getPorts()));
  }

  /** The Secret mounted at /etc/outpost/tls, if any. */
  static Optional<String> tlsSecretOf(StatefulSet set) {
    Optional<String> volume = container(set).getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals("/etc/outpost/tls")).map(VolumeMount::getName).findFirst();
    return volume.flatMap(v -> set.getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(x -> x.getName().equals(v)).map(Volume::getSecret).map(s -> s.getSecretName()).findFirst());
  }
}
