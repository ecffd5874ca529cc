package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.Main;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent is read again before every pass (secrets rotate); {@link ReloadingSyncPass} keeps its
 * engine (bandwidth budget, connections, token caches) while the parent read is equal to the last.
 * So equal configuration must give equal endpoints, TLS trust and proxies included.
 */
class ParentFactoryTest {
  @TempDir
  Path dir;

  @Test
  void theSameConfigurationReadTwiceIsTheSameParentUntilTheCaFileChanges() throws Exception {
    Path tls = dir.resolve("tls");
    Main.execute(new String[] {"tls", "init", "--ip", "127.0.0.1", "--out", tls.toString()}, Map.of(),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Path ca = Files.copy(tls.resolve("ca.crt"), dir.resolve("parent-ca.crt"));
    Path file = Files.writeString(dir.resolve("outpost.yaml"), "storage: {path: \"" + dir.resolve("store") + "\"}\n"
        + "parent: {url: \"https://hub.example:5000\", caFile: \"" + ca + "\"}\n");
    OutpostConfig config = new ConfigLoader(Map.of()).load(file);

    ParentEndpoint first = new ParentFactory(Map.of()).parentOf(config).orElseThrow();
    ParentEndpoint second = new ParentFactory(Map.of()).parentOf(config).orElseThrow();
    assertThat(second).isEqualTo(first);

    Main.execute(new String[] {"tls", "init", "--ip", "127.0.0.1", "--new-ca", "--out", tls.toString()}, Map.of(),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    Files.copy(tls.resolve("ca.crt"), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(new ParentFactory(Map.of()).parentOf(config).orElseThrow()).as("a rotated CA is a new parent").isNotEqualTo(first);
  }

  /**
   * The environment the factory is given (the process's in production) is the one Azure Identity and
   * the proxies read: for a connection string's {@code ManagedIdentityClientId} and for
   * {@code parent.auth}. A factory that read {@code System.getenv()} instead would fail here.
   */
  @Test
  void entraIdentitiesAndProxiesReadTheEnvironmentTheFactoryIsGiven() throws Exception {
    Map<String, String> environment = Map.of(
        ConfigLoader.CONNECTION_STRING_ENV, "ConnectedRegistryName=edge1;ManagedIdentityClientId=mi-1;"
            + "ParentGatewayEndpoint=r.westeurope.data.azurecr.io",
        "AZURE_FEDERATED_TOKEN_FILE", "/var/run/secrets/azure/tokens/azure-identity-token",
        "HTTPS_PROXY", "http://proxy.site.example:3128");
    Path fromEnvironment = Files.writeString(dir.resolve("cs.yaml"), "storage: {path: \"" + dir.resolve("s1") + "\"}\n");
    Path withAuth = Files.writeString(dir.resolve("auth.yaml"), "storage: {path: \"" + dir.resolve("s2") + "\"}\n"
        + "parent: {url: \"https://r.azurecr.io\", auth: {type: entra, clientId: wi-1}}\n");
    ParentFactory factory = new ParentFactory(environment);

    ParentEndpoint managed = factory.parentOf(new ConfigLoader(environment).load(fromEnvironment)).orElseThrow();
    ParentEndpoint workload = factory.parentOf(new ConfigLoader(Map.of()).load(withAuth)).orElseThrow();

    assertThat(managed.entra()).hasValueSatisfying(identity -> {
      assertThat(identity.clientId()).contains("mi-1");
      assertThat(identity.environment()).isEqualTo(environment);
    });
    assertThat(workload.entra()).hasValueSatisfying(identity -> {
      assertThat(identity.clientId()).contains("wi-1");
      assertThat(identity.environment()).isEqualTo(environment);
    });
    assertThat(workload.transport().proxies()).isEqualTo(dev.outpost.sync.http.EnvironmentProxies.of(environment));
  }
}
