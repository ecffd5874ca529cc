package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.RealClients;
import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo (independent, real client software) pulls from the endpoint: 401 challenge, token GET
 * with Basic credentials, bearer pulls of manifests and blobs, tag listing. Skipped where skopeo
 * is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkopeoPullTest {
  private Path skopeo;

  TestRegistry registry;

  @BeforeAll
  void start(@TempDir Path directory) {
    skopeo = RealClients.require("skopeo");
    registry = new TestRegistry(directory);
  }

  @AfterAll
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void copiesAnImageWithTokenAuth(@TempDir Path target) throws Exception {
    Result result = skopeo("copy", "--src-tls-verify=false", "--src-creds", "all:" + TokenFixtures.PASSWORD,
        image("library/hello:latest"), "dir:" + target);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(Files.readAllBytes(target.resolve("manifest.json"))).isEqualTo(registry.hello.manifest().bytes());
    for (byte[] layer : registry.hello.layers()) {
      assertThat(Files.readAllBytes(target.resolve(Digest.sha256(layer).hex()))).isEqualTo(layer);
    }
  }

  @Test
  void listsTags() throws Exception {
    Result result = skopeo("list-tags", "--tls-verify=false", "--creds", "all:" + TokenFixtures.PASSWORD,
        "docker://127.0.0.1:" + registry.server.port() + "/library/hello");
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("\"bare\"", "\"docker\"", "\"latest\"", "\"multi\"", "\"v1\"");
  }

  @Test
  void aTokenWithoutRightsCannotPull() throws Exception {
    Result result = skopeo("inspect", "--raw", "--tls-verify=false", "--creds", "team:" + TokenFixtures.PASSWORD,
        image("library/hello:latest"));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).containsIgnoringCase("unauthorized");
  }

  private String image(String reference) {
    return "docker://127.0.0.1:" + registry.server.port() + "/" + reference;
  }

  private record Result(int exitCode, String output) {}

  private Result skopeo(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(skopeo.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("skopeo did not finish: " + command);
    }
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
