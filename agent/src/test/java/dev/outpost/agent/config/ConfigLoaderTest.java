package dev.outpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void readsTheDocumentedKeysAsWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("outpost.yaml");
    Files.writeString(file, """
        storage: {path: /var/lib/outpost}
        parent: {url: "http://127.0.0.1:5000", username: "sync", password: "s3cret"}
        sync: {repositories: ["team/*", "library/hello"], schedule: "* * * * *", window: PT1H, chunkSizeMb: 8}
        serve: {listen: "127.0.0.1:8080"}
        admin: {listen: "127.0.0.1:9090"}
        """);

    OutpostConfig config = loader.load(file);

    assertThat(config.storage().path()).isEqualTo(Path.of("/var/lib/outpost"));
    assertThat(config.parent().url()).isEqualTo("http://127.0.0.1:5000");
    assertThat(config.sync().repositories()).extracting(Object::toString).containsExactly("team/*", "library/hello");
    assertThat(config.sync().window()).isEqualTo(Duration.ofHours(1));
    assertThat(config.sync().chunkSizeMb()).isEqualTo(8);
    assertThat(config.serve().listen()).isEqualTo(new ListenAddress("127.0.0.1", 8080));
    assertThat(config.admin().listen().port()).isEqualTo(9090);
    assertThat(config.parent().toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad window           | storage: {path: /x}\\nsync:\\n  window: PT1            | :3: sync.window: 'PT1' is not an ISO-8601 duration
      bad pattern          | storage: {path: /x}\\nsync:\\n  repositories: [ok, 'Bad*'] | :3: sync.repositories[1]: repository pattern 'Bad*'
      unknown key          | storage: {path: /x}\\nsync:\\n  windw: PT1H           | :3: sync.windw: unknown key 'windw' under sync
      bad listen           | storage: {path: /x}\\nserve:\\n  listen: localhost     | :3: serve.listen: 'localhost' is not host:port
      chunk out of range   | storage: {path: /x}\\nsync:\\n  chunkSizeMb: 0        | sync.chunkSizeMb must be between 1 and 1024
      stall too short      | storage: {path: /x}\\nsync:\\n  stallTimeout: PT0.1S | sync.stallTimeout must be between PT1S and PT1H
      cron with 6 fields   | storage: {path: /x}\\nsync:\\n  schedule: '0 0 * * * *' | sync.schedule: schedule '0 0 * * * *' must have 5 fields
      window not positive  | storage: {path: /x}\\nsync:\\n  window: PT0S           | sync.window: sync window must be a positive duration
      missing storage      | serve: {listen: ':8080'}                                 | storage.path is required
      malformed yaml       | storage: {path: "unterminated                           | :1: not valid YAML
      bad platform         | storage: {path: /x}\\nsync:\\n  platforms: [linux]      | :3: sync.platforms[0]: platform 'linux' is not of the form os/arch
      url without scheme   | storage: {path: /x}\\nparent: {url: '127.0.0.1:5000'}   | parent.url must start with http:// or https://
      """)
  void malformedConfigNamesTheKeyAndLine(String name, String yaml, String expected) {
    String text = yaml.replace("\\n", "\n");

    assertThatThrownBy(() -> loader.parse("outpost.yaml", text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("outpost.yaml")
        .hasMessageContaining(expected);
  }

  @Test
  void passwordNeverAppearsInAnError() {
    String text = "storage: {path: /x}\nparent: {url: 'ftp://h', username: u, password: topsecret}\n";

    assertThatThrownBy(() -> loader.parse("outpost.yaml", text)).hasMessageNotContaining("topsecret");
  }

  @Test
  void connectionStringFromTheEnvironmentWhenTheFileNamesNoParent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("outpost.yaml");
    Files.write(file, "\uFEFFstorage: {path: /data}\n".getBytes(StandardCharsets.UTF_8));
    ConfigLoader withEnv = new ConfigLoader(Map.of(ConfigLoader.CONNECTION_STRING_ENV, "ConnectedRegistryName=x"));

    OutpostConfig config = withEnv.load(file);

    assertThat(config.parentIfConfigured()).isPresent();
    assertThat(config.parent().connectionString()).isEqualTo("ConnectedRegistryName=x");
  }

  @Test
  void defaultsWhenOnlyStorageIsGiven() {
    OutpostConfig config = loader.parse("outpost.yaml", "storage: {path: /data}\n");

    assertThat(config.parentIfConfigured()).isEmpty();
    assertThat(config.sync().schedule()).isEqualTo(SyncConfig.CONTINUOUS);
    assertThat(config.sync().chunkSizeMb()).isEqualTo(8);
    assertThat(config.sync().stallTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.serve().listen().toString()).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void aStallTimeoutCanBeGivenForSlowLinks() {
    OutpostConfig config = loader.parse("outpost.yaml", "storage: {path: /data}\nsync: {stallTimeout: PT5M}\n");

    assertThat(config.sync().stallTimeout()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void missingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"))).hasMessageContaining("does not exist");
  }
}
