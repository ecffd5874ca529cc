package dev.outpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.runtime.OutpostRuntime;
import dev.outpost.serve.tls.PemFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code outpost run} chooses between HTTPS and plain HTTP, and refuses to guess. */
class RunTransportTest {
  @TempDir
  Path dir;

  @Test
  void neitherTlsNorHttpEnabledIsAConfigurationErrorNamingBothKeysBeforeTheStoreIsTouched() throws Exception {
    Path config = config("serve: {listen: \"127.0.0.1:0\"}\n");

    CliRun run = CliRun.of("run", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.stderr()).contains("serve.tls.certFile", "serve.tls.keyFile", "serve.httpEnabled: true");
    assertThat(dir.resolve("store")).doesNotExist();
  }

  @Test
  void aKeyThatDoesNotFitTheCertificateIsAConfigurationErrorNamingTheFiles() throws Exception {
    Path tls = dir.resolve("tls");
    CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", tls.toString());
    Path config = config("serve: {listen: \"127.0.0.1:0\", tls: {certFile: \"" + tls.resolve("tls.crt") + "\", keyFile: \""
        + tls.resolve("ca.key") + "\"}}\n");

    CliRun run = CliRun.of("run", "--config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CONFIG);
    assertThat(run.stderr()).contains("serve.tls: the key in " + tls.resolve("ca.key") + " does not belong");
  }

  @Test
  void tlsInitsFilesAreServedOverHttpsToAClientTrustingOnlyTheSiteCa() throws Exception {
    Path tls = dir.resolve("tls");
    CliRun.of("tls", "init", "--ip", "127.0.0.1", "--out", tls.toString());
    Path config = config("serve:\n  listen: \"127.0.0.1:0\"\n  tls:\n    certFile: \"" + tls.resolve("tls.crt")
        + "\"\n    keyFile: \"" + tls.resolve("tls.key") + "\"\n");

    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(tls.resolve("ca.crt"))).build();
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + running.registryPort() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(running.registryScheme()).isEqualTo("https");
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("realm=\"https://127.0.0.1:");
    }
  }

  @Test
  void httpEnabledServesPlainHttp() throws Exception {
    Path config = config("serve: {listen: \"127.0.0.1:0\", httpEnabled: true}\n");

    try (OutpostRuntime running = OutpostRuntime.start(new ConfigLoader(Map.of()).load(config), Clock.systemUTC())) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + running.registryPort() + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(running.registryScheme()).isEqualTo("http");
      assertThat(response.statusCode()).isEqualTo(401);
    }
  }

  private Path config(String serve) throws Exception {
    return Files.writeString(dir.resolve("outpost.yaml"), "storage: {path: \"" + dir.resolve("store") + "\"}\n"
        + serve + "admin: {listen: \"127.0.0.1:0\"}\n");
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("site-ca", PemFiles.readCertificates(caFile).getFirst());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
