package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost mirror-config} and {@code outpost token create --kube-secret} as a user runs them. */
class ClientConfigCommandsTest {
  @TempDir
  Path dir;

  @Test
  void mirrorConfigPrintsK3sRegistriesYaml() throws Exception {
    CliRun run = CliRun.of("mirror-config", "--k3s", "--upstream", "myregistry.azurecr.io",
        "--endpoint", "https://outpost.site.local:8443", "--ca", "/etc/outpost/tls/ca.crt", "--token", "site");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode yaml = new YAMLMapper().readTree(run.stdout());
    assertThat(yaml.at("/mirrors/myregistry.azurecr.io/endpoint/0").asText()).isEqualTo("https://outpost.site.local:8443");
    assertThat(yaml.at("/configs/outpost.site.local:8443/auth/username").asText()).isEqualTo("site");
  }

  @Test
  void mirrorConfigPrintsContainerdHostsToml() {
    CliRun run = CliRun.of("mirror-config", "--containerd", "--upstream", "myregistry.azurecr.io",
        "--endpoint", "https://outpost.site.local:8443", "--ca", "/etc/outpost/tls/ca.crt");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout()).contains("server = \"https://myregistry.azurecr.io\"",
        "[host.\"https://outpost.site.local:8443\"]", "ca = \"/etc/outpost/tls/ca.crt\"");
  }

  @Test
  void mirrorConfigNeedsExactlyOneFormatAndAnHttpsEndpointForACa() {
    CliRun both = CliRun.of("mirror-config", "--k3s", "--containerd", "--upstream", "r.io", "--endpoint", "https://o:1");
    CliRun none = CliRun.of("mirror-config", "--upstream", "r.io", "--endpoint", "https://o:1");
    CliRun caOverHttp = CliRun.of("mirror-config", "--k3s", "--upstream", "r.io", "--endpoint", "http://o:1", "--ca", "/ca.crt");

    assertThat(both.exitCode()).as(both.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.exitCode()).as(none.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(caOverHttp.exitCode()).as(caOverHttp.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(caOverHttp.stderr()).contains("--ca needs an https:// --endpoint");
  }

  @Test
  void tokenCreateWithKubeSecretPrintsOnlyTheSecretManifestHoldingTheNewPassword() throws Exception {
    Path config = config();

    CliRun run = CliRun.of("token", "create", "site", "--repository", "team/*", "--kube-secret", "outpost-pull",
        "--server", "outpost.site.local:8443", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode secret = new YAMLMapper().readTree(run.stdout());
    assertThat(secret.get("type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
    JsonNode login = new ObjectMapper().readTree(Base64.getDecoder().decode(secret.at("/data/.dockerconfigjson").asText()))
        .at("/auths/outpost.site.local:8443");
    String password = login.get("password").asText();
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      assertThat(store.token("site").orElseThrow().passwordMatches(password)).isTrue();
    }
    assertThat(run.stderr()).contains("Created token 'site'").doesNotContain(password);
  }

  @Test
  void kubeSecretWithoutServerIsAUsageErrorAndCreatesNoToken() throws Exception {
    Path config = config();

    CliRun run = CliRun.of("token", "create", "site", "--repository", "team/*", "--kube-secret", "outpost-pull",
        "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.stderr()).contains("--kube-secret NAME and --server HOST[:PORT] go together");
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      assertThat(store.token("site")).isEmpty();
    }
  }

  private Path config() throws Exception {
    return Files.writeString(dir.resolve("outpost.yaml"), "storage: {path: \"" + dir.resolve("store") + "\"}\n");
  }
}
