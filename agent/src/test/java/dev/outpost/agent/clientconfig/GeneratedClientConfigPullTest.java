package dev.outpost.agent.clientconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.outpost.agent.Main;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.agent.samples.SampleImages;
import dev.outpost.fixtures.ContainerdDaemon;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real containerd pulls an upstream registry's image name through Outpost using only what Outpost
 * generated: the hosts.toml of {@code mirror-config --containerd} as its hosts-dir mirror, and the
 * credentials of the pull Secret that {@code token create --kube-secret} printed. The endpoint is
 * plain HTTP here (TLS comes with serve.tls).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientConfigPullTest {
  private static final String UPSTREAM = "myregistry.azurecr.io";

  private Path work;
  private Path config;
  private ContainerdDaemon containerd;
  private OutpostRuntime outpost;
  private String username;
  private String password;
  private String auth;

  @BeforeAll
  void start(@TempDir Path directory) throws Exception {
    work = directory;
    containerd = ContainerdDaemon.start(directory.resolve("containerd"), "outpost-test");
    config = Files.writeString(directory.resolve("outpost.yaml"), """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(directory.resolve("store")));
    try (LocalStore store = RocksLocalStore.open(directory.resolve("store"))) {
      SampleImages.seed(store, 1);
    }
    outpost = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC());
    JsonNode login = pullSecretLogin(cli("token", "create", "site", "--repository", "samples/*",
        "--kube-secret", "outpost-pull", "--server", "127.0.0.1:" + outpost.registryPort(), "--config", config.toString()));
    username = login.get("username").asText();
    password = login.get("password").asText();
    auth = new String(Base64.getDecoder().decode(login.get("auth").asText()), StandardCharsets.UTF_8);
  }

  @AfterAll
  void stop() throws Exception {
    if (outpost != null) {
      outpost.close();
    }
    if (containerd != null) {
      containerd.close();
    }
  }

  @Test
  void containerdPullsThroughTheGeneratedHostsTomlWithTheTokenInIt() throws Exception {
    Path hostsDir = hostsDir("with-token", Optional.of(new ClientAuth(username, Optional.of(password))));

    ToolRun.Result pull = containerd.ctr("images", "pull", "--hosts-dir", hostsDir.toString(),
        UPSTREAM + "/samples/hello:1.0");

    assertThat(pull.exitCode()).as(pull.stdout() + pull.stderr()).isZero();
    assertThat(containerd.ctr("images", "ls", "-q").orThrow().stdout()).contains(UPSTREAM + "/samples/hello:1.0");
  }

  @Test
  void containerdPullsWithThePullSecretsCredentialsAndRefusesWithoutThem() throws Exception {
    Path hostsDir = hostsDir("no-token", Optional.empty());

    ToolRun.Result anonymous = containerd.ctr("images", "pull", "--hosts-dir", hostsDir.toString(),
        UPSTREAM + "/samples/legacy:1.0");
    ToolRun.Result withSecret = containerd.ctr("images", "pull", "--hosts-dir", hostsDir.toString(), "--user", auth,
        UPSTREAM + "/samples/legacy:1.0");

    assertThat(anonymous.exitCode()).as("no credentials: " + anonymous.stdout() + anonymous.stderr()).isNotZero();
    assertThat(withSecret.exitCode()).as(withSecret.stdout() + withSecret.stderr()).isZero();
  }

  private Path hostsDir(String name, Optional<ClientAuth> login) throws Exception {
    MirrorTarget target = new MirrorTarget(UPSTREAM, MirrorTarget.endpoint("http://127.0.0.1:" + outpost.registryPort()),
        Optional.empty(), login);
    Path dir = Files.createDirectories(work.resolve(name).resolve(UPSTREAM));
    Files.writeString(dir.resolve("hosts.toml"), ContainerdHostsToml.render(target));
    return dir.getParent();
  }

  private static JsonNode pullSecretLogin(String manifest) throws Exception {
    JsonNode secret = new YAMLMapper().readTree(manifest);
    JsonNode auths = new ObjectMapper().readTree(Base64.getDecoder().decode(secret.at("/data/.dockerconfigjson").asText()));
    return auths.get("auths").elements().next();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }
}
