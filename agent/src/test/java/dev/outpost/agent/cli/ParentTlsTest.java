package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the parent, with another Outpost as the parent (a hub serving HTTPS with a site CA from
 * {@code tls init}, token auth): the system's trust alone refuses its certificate, {@code parent.caFile}
 * trusts it, {@code parent.insecure} trusts anything and says so.
 */
class ParentTlsTest {
  @TempDir
  Path dir;
  private Path tls;
  private Path hubConfig;
  private String password;

  @BeforeEach
  void hub() throws Exception {
    tls = dir.resolve("tls");
    assertThat(CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", tls.toString()).exitCode()).isZero();
    hubConfig = Files.writeString(dir.resolve("hub.yaml"), "storage: {path: \"" + dir.resolve("hub-store") + "\"}\n"
        + "serve:\n  listen: \"127.0.0.1:0\"\n  tls: {certFile: \"" + tls.resolve("tls.crt") + "\", keyFile: \""
        + tls.resolve("tls.key") + "\"}\nadmin: {listen: \"127.0.0.1:0\"}\n");
    assertThat(CliRun.of("samples", "--payload-mb", "1", "--config", hubConfig.toString()).exitCode()).isZero();
    CliRun token = CliRun.of("token", "create", "ship", "--repository", "samples/*", "--json", "--config", hubConfig.toString());
    assertThat(token.exitCode()).as(token.toString()).isZero();
    password = new ObjectMapper().readTree(token.stdout()).path("password").asText();
  }

  private CliRun syncFromHub(int hubPort, String trust) throws Exception {
    Path config = Files.writeString(dir.resolve("ship.yaml"), "storage: {path: \"" + dir.resolve("ship-store") + "\"}\n"
        + "parent:\n  url: \"https://127.0.0.1:" + hubPort + "\"\n  username: ship\n  password: \"" + password + "\"\n"
        + trust + "sync: {repositories: [\"samples/hello\"]}\n");
    return CliRun.of("sync", "--once", "--no-progress", "--config", config.toString());
  }

  @Test
  void theSystemTrustAloneRefusesASiteCaCertificate() throws Exception {
    try (OutpostRuntime hub = OutpostRuntime.start(new ConfigLoader(Map.of()).load(hubConfig), Clock.systemUTC())) {
      CliRun run = syncFromHub(hub.registryPort(), "");
      assertThat(run.exitCode()).as(run.toString()).isNotZero();
      assertThat(run.stdout() + run.stderr()).contains("cannot reach the parent https://127.0.0.1:" + hub.registryPort())
          .containsIgnoringCase("certificat");
    }
  }

  @Test
  void caFileTrustsTheHubsSiteCa() throws Exception {
    try (OutpostRuntime hub = OutpostRuntime.start(new ConfigLoader(Map.of()).load(hubConfig), Clock.systemUTC())) {
      CliRun run = syncFromHub(hub.registryPort(), "  caFile: \"" + tls.resolve("ca.crt") + "\"\n");
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdout()).contains("sync complete: 1 repositories present");
    }
  }

  @Test
  void insecureTrustsAnyCertificate() throws Exception {
    try (OutpostRuntime hub = OutpostRuntime.start(new ConfigLoader(Map.of()).load(hubConfig), Clock.systemUTC())) {
      CliRun run = syncFromHub(hub.registryPort(), "  insecure: true\n");
      assertThat(run.exitCode()).as(run.toString()).isZero();
    }
  }

  @Test
  void aCaFileThatIsNoCertificateIsAConfigErrorNamingTheKey() throws Exception {
    CliRun run = syncFromHub(1, "  caFile: \"" + tls.resolve("tls.key") + "\"\n");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.stderr()).contains("parent.caFile: ").contains(tls.resolve("tls.key").toString());
  }
}
