package dev.outpost.serve.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.fixtures.Skopeo;
import dev.outpost.fixtures.ToolRun;
import dev.outpost.serve.auth.TokenFixtures;
import dev.outpost.store.model.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo (independent, real client software) pulls from the endpoint: 401 challenge, token GET
 * with Basic credentials, bearer pulls of manifests and blobs, tag listing. Skipped where skopeo
 * is not installed, unless real clients are required ({@link dev.outpost.fixtures.RealClients}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SkopeoPullTest {
  private Skopeo skopeo;

  TestRegistry registry;

  @BeforeAll
  void start(@TempDir Path directory) {
    skopeo = Skopeo.require();
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
    ToolRun.Result result = skopeo.run("copy", "--src-tls-verify=false", "--src-creds", "all:" + TokenFixtures.PASSWORD,
        image("library/hello:latest"), "dir:" + target);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(Files.readAllBytes(target.resolve("manifest.json"))).isEqualTo(registry.hello.manifest().bytes());
    for (byte[] layer : registry.hello.layers()) {
      assertThat(Files.readAllBytes(target.resolve(Digest.sha256(layer).hex()))).isEqualTo(layer);
    }
  }

  @Test
  void listsTags() throws Exception {
    ToolRun.Result result = skopeo.run("list-tags", "--tls-verify=false", "--creds", "all:" + TokenFixtures.PASSWORD,
        "docker://127.0.0.1:" + registry.server.port() + "/library/hello");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("\"bare\"", "\"docker\"", "\"latest\"", "\"multi\"", "\"v1\"");
  }

  @Test
  void aTokenWithoutRightsCannotPull() throws Exception {
    ToolRun.Result result = skopeo.run("inspect", "--raw", "--tls-verify=false", "--creds",
        "team:" + TokenFixtures.PASSWORD, image("library/hello:latest"));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).containsIgnoringCase("unauthorized");
  }

  private String image(String reference) {
    return "docker://127.0.0.1:" + registry.server.port() + "/" + reference;
  }
}
