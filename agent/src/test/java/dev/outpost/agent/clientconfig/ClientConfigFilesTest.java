package dev.outpost.agent.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The generated registries.yaml, hosts.toml and pull Secret parse, and say what they should. */
class ClientConfigFilesTest {
  private static final String UPSTREAM = "myregistry.azurecr.io";

  private static MirrorTarget target(Optional<ClientAuth> auth) {
    return new MirrorTarget(UPSTREAM, MirrorTarget.endpoint("https://outpost.site.local:8443"),
        Optional.of(Path.of("/etc/outpost/tls/ca.crt")), auth);
  }

  @Test
  void k3sRegistriesYamlMirrorsTheUpstreamAndTrustsTheCa() throws Exception {
    String yaml = K3sRegistriesYaml.render(target(Optional.of(new ClientAuth("site", Optional.of("pa\"ss: #w")))));

    JsonNode file = new YAMLMapper().readTree(yaml);
    assertThat(file.at("/mirrors/" + UPSTREAM + "/endpoint/0").asText()).isEqualTo("https://outpost.site.local:8443");
    JsonNode config = file.get("configs").get("outpost.site.local:8443");
    assertThat(config.at("/tls/ca_file").asText()).isEqualTo("/etc/outpost/tls/ca.crt");
    assertThat(config.at("/auth/username").asText()).isEqualTo("site");
    assertThat(config.at("/auth/password").asText()).isEqualTo("pa\"ss: #w");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"true", "null", "0123", "~", "- x", "yes", "1e3"})
  void passwordsThatLookLikeOtherYamlValuesStayStrings(String password) throws Exception {
    String yaml = K3sRegistriesYaml.render(target(Optional.of(new ClientAuth("site", Optional.of(password)))));

    JsonNode auth = new YAMLMapper().readTree(yaml).at("/configs/outpost.site.local:8443/auth/password");
    assertThat(auth.isTextual()).as(yaml).isTrue();
    assertThat(auth.asText()).isEqualTo(password);
  }

  @Test
  void withoutThePasswordTheFilesHoldAPlaceholderAndNoSecret() throws Exception {
    Optional<ClientAuth> nameOnly = Optional.of(new ClientAuth("site", Optional.empty()));

    JsonNode k3s = new YAMLMapper().readTree(K3sRegistriesYaml.render(target(nameOnly)));
    String toml = ContainerdHostsToml.render(target(nameOnly));

    assertThat(k3s.at("/configs/outpost.site.local:8443/auth/password").asText()).contains("<password of token site");
    Map<String, Object> parsed = new TomlMapper().readValue(toml, new TypeReference<>() {});
    assertThat(hostTable(parsed)).doesNotContainKey("header");
    assertThat(toml).contains("# [host.\"https://outpost.site.local:8443\".header]");
  }

  @Test
  void containerdHostsTomlNamesTheUpstreamAsServerAndOutpostAsAPullHost() throws Exception {
    String toml = ContainerdHostsToml.render(target(Optional.of(new ClientAuth("site", Optional.of("secret")))));

    Map<String, Object> parsed = new TomlMapper().readValue(toml, new TypeReference<>() {});
    assertThat(parsed.get("server")).isEqualTo("https://" + UPSTREAM);
    Map<String, Object> host = hostTable(parsed);
    assertThat(host.get("capabilities")).asList().containsExactly("pull", "resolve");
    assertThat(host.get("ca")).isEqualTo("/etc/outpost/tls/ca.crt");
    assertThat(host.get("header")).isEqualTo(Map.of("Authorization",
        "Basic " + Base64.getEncoder().encodeToString("site:secret".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void tomlStringsAreEscaped() throws Exception {
    String value = "a\"b\\c\td\u0001";
    Map<String, Object> parsed = new TomlMapper().readValue("v = " + ContainerdHostsToml.quoted(value) + "\n",
        new TypeReference<>() {});

    assertThat(parsed.get("v")).isEqualTo(value);
  }

  @Test
  void dockerHubsServerIsItsRegistryHost() {
    MirrorTarget hub = new MirrorTarget("docker.io", MirrorTarget.endpoint("http://127.0.0.1:8080"), Optional.empty(),
        Optional.empty());

    assertThat(ContainerdHostsToml.render(hub)).contains("server = \"https://registry-1.docker.io\"");
  }

  @Test
  void badTargetsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> MirrorTarget.endpoint("outpost:8443")).hasMessageContaining("--endpoint");
    assertThatThrownBy(() -> MirrorTarget.endpoint("https://outpost:8443/v2/")).hasMessageContaining("--endpoint");
    assertThatThrownBy(() -> new MirrorTarget("https://myregistry.azurecr.io", MirrorTarget.endpoint("https://o:1"),
        Optional.empty(), Optional.empty())).hasMessageContaining("--upstream");
    assertThatThrownBy(() -> new MirrorTarget(UPSTREAM, MirrorTarget.endpoint("http://o:1"),
        Optional.of(Path.of("/ca.crt")), Optional.empty())).hasMessageContaining("--ca needs an https://");
  }

  @Test
  void thePullSecretIsADockerConfigJsonSecretForTheServer() throws Exception {
    String manifest = PullSecretManifest.render("outpost-pull", "outpost.site.local:8443", "site", "secret");

    JsonNode secret = new YAMLMapper().readTree(manifest);
    assertThat(secret.get("apiVersion").asText()).isEqualTo("v1");
    assertThat(secret.get("kind").asText()).isEqualTo("Secret");
    assertThat(secret.at("/metadata/name").asText()).isEqualTo("outpost-pull");
    assertThat(secret.get("type").asText()).isEqualTo("kubernetes.io/dockerconfigjson");
    JsonNode auths = new ObjectMapper().readTree(Base64.getDecoder().decode(secret.at("/data/.dockerconfigjson").asText()));
    JsonNode login = auths.at("/auths/outpost.site.local:8443");
    assertThat(login.get("username").asText()).isEqualTo("site");
    assertThat(login.get("password").asText()).isEqualTo("secret");
    assertThat(new String(Base64.getDecoder().decode(login.get("auth").asText()), StandardCharsets.UTF_8))
        .isEqualTo("site:secret");
  }

  @Test
  void aBadSecretNameOrServerIsRefused() {
    assertThatThrownBy(() -> PullSecretManifest.check("Outpost_Pull", "h:1")).hasMessageContaining("--kube-secret");
    assertThatThrownBy(() -> PullSecretManifest.check("ok", "https://h:1")).hasMessageContaining("--server");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> hostTable(Map<String, Object> parsed) {
    return (Map<String, Object>) ((Map<String, Object>) parsed.get("host")).get("https://outpost.site.local:8443");
  }
}
