package dev.outpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.agent.runtime.ParentFactory;
import dev.outpost.sync.parent.ParentEndpoint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration as a pod gives it: secrets from files or the environment, and the public URL. */
class PodConfigTest {
  private static final String CONNECTION_STRING = "ConnectedRegistryName=edge;SyncTokenName=edge-sync;"
      + "SyncTokenPassword=fromfile;ParentGatewayEndpoint=parent.example.com;ParentEndpointProtocol=https";

  @TempDir
  Path dir;

  @Test
  void thePasswordComesFromItsFileWithoutTheTrailingNewline() throws Exception {
    Path secret = Files.writeString(dir.resolve("password"), "s3cret\n");

    ParentEndpoint parent = parentOf("parent: {url: 'https://parent.example.com', username: sync, passwordFile: '"
        + secret + "'}\n", Map.of());

    assertThat(parent.credentials().orElseThrow().username()).isEqualTo("sync");
    assertThat(parent.credentials().orElseThrow().password()).isEqualTo("s3cret");
  }

  @Test
  void theConnectionStringComesFromItsFile() throws Exception {
    Path secret = Files.writeString(dir.resolve("cs"), CONNECTION_STRING + "\r\n");

    ParentEndpoint parent = parentOf("parent: {connectionStringFile: '" + secret + "'}\n", Map.of());

    assertThat(parent.baseUrl()).isEqualTo(URI.create("https://parent.example.com"));
    assertThat(parent.credentials().orElseThrow().password()).isEqualTo("fromfile");
  }

  @Test
  void aParentInTheFileTakesPrecedenceOverTheEnvironment() throws Exception {
    Path secret = Files.writeString(dir.resolve("cs"), CONNECTION_STRING);
    Map<String, String> env = Map.of(ConfigLoader.CONNECTION_STRING_ENV,
        CONNECTION_STRING.replace("parent.example.com", "from-env.example.com"));

    ParentEndpoint fromFile = parentOf("parent: {connectionStringFile: '" + secret + "'}\n", env);
    ParentEndpoint fromEnv = parentOf("", env);

    assertThat(fromFile.baseUrl().getHost()).isEqualTo("parent.example.com");
    assertThat(fromEnv.baseUrl().getHost()).isEqualTo("from-env.example.com");
  }

  @Test
  void aMissingSecretFileNamesTheKeyAndTheFile() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> parentOf("parent: {url: 'https://p', username: u, passwordFile: '" + missing + "'}\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("parent.passwordFile").hasMessageContaining(missing.toString());
  }

  @Test
  void anEmptySecretFileIsAnError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(() -> parentOf("parent: {connectionStringFile: '" + empty + "'}\n", Map.of()))
        .hasMessageContaining("parent.connectionStringFile").hasMessageContaining("is empty");
  }

  @Test
  void aSecretGivenTwiceIsRefused() {
    assertThatThrownBy(() -> load("parent: {url: 'https://p', username: u, password: x, passwordFile: /f}\n", Map.of()))
        .hasMessageContaining("either parent.password or parent.passwordFile");
    assertThatThrownBy(() -> load("parent: {connectionString: x, connectionStringFile: /f}\n", Map.of()))
        .hasMessageContaining("either parent.connectionString or parent.connectionStringFile");
    assertThatThrownBy(() -> load("parent: {url: 'https://p', passwordFile: /f}\n", Map.of()))
        .hasMessageContaining("parent.passwordFile: needs parent.username too");
  }

  @Test
  void thePublicUrlIsReadAndCheckedAsTheRealmBase() {
    OutpostConfig config = load("serve: {publicUrl: 'https://outpost.site.example:8443'}\n", Map.of());

    assertThat(config.serve().publicUrlValue()).contains(URI.create("https://outpost.site.example:8443"));
    assertThatThrownBy(() -> load("serve: {publicUrl: 'outpost.site.example'}\n", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("serve.publicUrl: must be http(s)://host[:port]");
    assertThatThrownBy(() -> load("serve: {publicUrl: 'https://h/prefix'}\n", Map.of()))
        .hasMessageContaining("serve.publicUrl");
  }

  private ParentEndpoint parentOf(String yaml, Map<String, String> env) {
    return new ParentFactory(env).parentOf(load(yaml, env)).orElseThrow();
  }

  private OutpostConfig load(String yaml, Map<String, String> env) {
    try {
      Path file = Files.writeString(dir.resolve("outpost.yaml"), "storage: {path: /data}\n" + yaml);
      return new ConfigLoader(env).load(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
