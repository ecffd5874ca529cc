package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.tokens.StoreTokenAdmin;
import dev.outpost.agent.tokens.TokenSpec;
import dev.outpost.store.LocalStore;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.RepositoryPattern;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code outpost run}'s parts as a pod sees them: probes, the token realm, and restarts on the same store. */
class OutpostRuntimeTest {
  @TempDir
  Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readyzIs200WhileRunningWithoutAnySecret() throws Exception {
    try (OutpostRuntime running = OutpostRuntime.start(config(""), Clock.systemUTC())) {
      HttpResponse<String> ready = get("http://127.0.0.1:" + running.adminPort() + "/readyz", Optional.empty());

      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(running.ready()).isTrue();
    }
  }

  @Test
  void aBearerTokenIssuedBeforeARestartStillWorksAfterIt() throws Exception {
    OutpostConfig config = config("  service: outpost.site.test\n");
    String password;
    try (LocalStore store = RocksLocalStore.open(config.storage().path())) {
      password = new StoreTokenAdmin(store).create(new TokenSpec("site", List.of(RepositoryPattern.parse("team/*")),
          Set.of(Action.CONTENT_READ, Action.METADATA_READ), Optional.empty())).password();
    }
    String bearer;
    try (OutpostRuntime first = OutpostRuntime.start(config, Clock.systemUTC())) {
      HttpResponse<String> issued = get("http://127.0.0.1:" + first.registryPort()
          + "/oauth2/token?service=outpost.site.test&scope=repository:team/app:pull", Optional.of(basic("site", password)));
      assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
      bearer = (String) new ObjectMapper().readValue(issued.body(), Map.class).get("token");
    }

    try (OutpostRuntime second = OutpostRuntime.start(config, Clock.systemUTC())) {
      String v2 = "http://127.0.0.1:" + second.registryPort() + "/v2/";
      assertThat(get(v2, Optional.of("Bearer " + bearer)).statusCode()).isEqualTo(200);
      assertThat(get(v2, Optional.of("Bearer " + bearer.substring(0, bearer.length() - 2) + "xx")).statusCode())
          .as("a token with a wrong signature").isEqualTo(401);
    }
    Path key = config.storage().path().resolve("token-signing.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }

  @Test
  void theChallengeRealmIsTheConfiguredPublicUrl() throws Exception {
    try (OutpostRuntime running = OutpostRuntime.start(config("  publicUrl: \"https://outpost.site.example:8443\"\n"),
        Clock.systemUTC())) {
      HttpResponse<String> challenge = get("http://127.0.0.1:" + running.registryPort() + "/v2/", Optional.empty());

      assertThat(challenge.statusCode()).isEqualTo(401);
      assertThat(challenge.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith("Bearer realm=\"https://outpost.site.example:8443/oauth2/token\"");
    }
  }

  private OutpostConfig config(String serveExtra) throws Exception {
    Path file = dir.resolve("outpost.yaml");
    Files.writeString(file, "storage: {path: \"" + dir.resolve("store") + "\"}\n"
        + "serve:\n  listen: \"127.0.0.1:0\"\n  httpEnabled: true\n" + serveExtra
        + "admin: {listen: \"127.0.0.1:0\"}\n");
    return new ConfigLoader(Map.of()).load(file);
  }

  private HttpResponse<String> get(String url, Optional<String> authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    authorization.ifPresent(a -> request.header("Authorization", a));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
