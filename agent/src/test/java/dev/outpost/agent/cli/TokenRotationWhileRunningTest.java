package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.agent.samples.SampleImages;
import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACR-style rotation against a running Outpost: the CLI reaches it through the admin API, and the
 * registry endpoint (real HTTP; skopeo as the client holding slot 2) sees each change on the next
 * request. Rotating slot 1 refuses slot 1's old password and the bearer tokens obtained with it while
 * the slot-2 client keeps pulling; disabling refuses the slot-2 client's bearer token, enabling
 * restores it.
 */
class TokenRotationWhileRunningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFEST = "/v2/samples/hello/manifests/latest";

  @TempDir
  Path dir;
  private Path config;
  private OutpostRuntime outpost;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    config = Files.writeString(dir.resolve("outpost.yaml"), """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true}
        admin: {listen: "127.0.0.1:0"}
        """.formatted(dir.resolve("store")));
    try (LocalStore store = RocksLocalStore.open(dir.resolve("store"))) {
      SampleImages.seed(store, 1);
    }
    outpost = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (outpost != null) {
      outpost.close();
    }
  }

  @Test
  void slot1RotatedWhileTheSlot2ClientKeepsPullingThenDisableAndEnable() throws Exception {
    Skopeo skopeo = Skopeo.require();
    String oldFirst = password(cli("token", "create", "site", "--repository", "samples/*", "--json"));
    String second = password(cli("token", "rotate", "site", "--slot", "2", "--json"));
    String bearerFromFirst = bearer(oldFirst);
    String bearerFromSecond = bearer(second);
    assertThat(get(bearerFromFirst)).isEqualTo(200);
    assertThat(pull(skopeo, second).exitCode()).isZero();

    String newFirst = password(cli("token", "rotate", "site", "--slot", "1", "--json"));

    assertThat(get(bearerFromFirst)).as("bearer token from the rotated slot").isEqualTo(401);
    assertThat(get(basic(oldFirst))).as("the rotated slot's old password").isEqualTo(401);
    assertThat(tokenStatus(oldFirst)).isEqualTo(401);
    assertThat(get(bearerFromSecond)).as("bearer token from the other slot").isEqualTo(200);
    ToolRun.Result stillPulling = pull(skopeo, second);
    assertThat(stillPulling.exitCode()).as(stillPulling.stderr()).isZero();
    assertThat(pull(skopeo, oldFirst).stderr()).containsIgnoringCase("unauthorized");
    assertThat(get(bearer(newFirst))).isEqualTo(200);

    cli("token", "disable", "site");
    assertThat(get(bearerFromSecond)).as("disabled").isEqualTo(401);
    assertThat(pull(skopeo, second).exitCode()).isNotZero();
    cli("token", "enable", "site");
    assertThat(get(bearerFromSecond)).as("enabled again").isEqualTo(200);

    CliRun past = CliRun.of("token", "rotate", "site", "--slot", "2", "--expires", "2020-01-01", "--config", config.toString());
    assertThat(past.exitCode()).as(past.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(past.stderr()).contains("is not in the future");
    assertThat(get(bearerFromSecond)).as("a refused rotation changes nothing").isEqualTo(200);
    assertThat(cli("token", "list")).containsPattern("site +enabled +set, no expiry +set, no expiry");
    assertThat(cli("token", "show", "site")).contains("status:    enabled", "password2: set, no expiry");
    assertThat(CliRun.of("token", "show", "nobody", "--config", config.toString()).exitCode()).isEqualTo(ExitCodes.INCOMPLETE);
  }

  private ToolRun.Result pull(Skopeo skopeo, String password) throws Exception {
    Path target = Files.createTempDirectory(dir, "pulled");
    return skopeo.run("--insecure-policy", "copy", "--quiet", "--src-tls-verify=false", "--src-creds=site:" + password,
        "docker://127.0.0.1:" + outpost.registryPort() + "/samples/hello:latest", "dir:" + target);
  }

  private String cli(String... args) {
    String[] withConfig = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--config", config.toString())).toArray(String[]::new);
    CliRun run = CliRun.of(withConfig);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run.stdout();
  }

  private static String password(String json) throws Exception {
    return JSON.readTree(json).get("password").asText();
  }

  private String bearer(String password) throws Exception {
    HttpResponse<String> response = send("/oauth2/token?service=127.0.0.1:" + outpost.registryPort() + "&scope="
        + URLEncoder.encode("repository:samples/hello:pull", StandardCharsets.UTF_8), basic(password));
    assertThat(response.statusCode()).isEqualTo(200);
    return "Bearer " + JSON.readTree(response.body()).get("token").asText();
  }

  private int tokenStatus(String password) throws Exception {
    return send("/oauth2/token?scope=" + URLEncoder.encode("repository:samples/hello:pull", StandardCharsets.UTF_8),
        basic(password)).statusCode();
  }

  private int get(String authorization) throws Exception {
    return send(MANIFEST, authorization).statusCode();
  }

  private HttpResponse<String> send(String path, String authorization) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + outpost.registryPort() + path))
        .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String password) {
    return "Basic " + Base64.getEncoder().encodeToString(("site:" + password).getBytes(StandardCharsets.UTF_8));
  }
}
