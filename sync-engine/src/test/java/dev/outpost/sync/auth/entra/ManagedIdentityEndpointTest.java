package dev.outpost.sync.auth.entra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.outpost.sync.testing.AcrStub.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.outpost.sync.testing.AcrStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed identity behind an identity endpoint ({@code IDENTITY_ENDPOINT} + {@code IDENTITY_HEADER}:
 * App Service, Container Apps), as MSAL finds it: in the process environment and nowhere else. So the
 * identity is asked for in a child JVM ({@link ManagedIdentityProbe}) whose environment points at a
 * WireMock endpoint; this process's environment is never changed. The probe's Entra token then goes
 * through ACR's exchange and refresh grant at {@link AcrStub} (HTTPS, test CA).
 */
class ManagedIdentityEndpointTest {
  private static final String IDENTITY_HEADER = "identity-header-value";

  @TempDir
  Path dir;

  private AcrStub acr;
  private WireMockServer identity;

  @BeforeEach
  void start() {
    acr = new AcrStub(dir, "http://127.0.0.1:9"); // no content is fetched: only tokens
    identity = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
    identity.start();
  }

  @AfterEach
  void stop() {
    identity.stop();
    acr.close();
  }

  @Test
  void theConnectionStringsClientIdGoesToTheIdentityEndpointWithItsHeaderAndTheTokenToAcr() throws Exception {
    identity.stubFor(get(urlPathEqualTo("/msi/token"))
        .withHeader("X-IDENTITY-HEADER", equalTo(IDENTITY_HEADER))
        .withQueryParam("client_id", equalTo("app-service-client"))
        .withQueryParam("resource", equalTo("https://containerregistry.azure.net"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\":\""
            + AcrStub.ENTRA_TOKEN + "\",\"expires_on\":\"" + (System.currentTimeMillis() / 1000 + 3600)
            + "\",\"resource\":\"https://containerregistry.azure.net\",\"token_type\":\"Bearer\","
            + "\"client_id\":\"app-service-client\"}")));

    ProcessBuilder child = new ProcessBuilder(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
        ManagedIdentityProbe.class.getName(), acr.url(), acr.caFile().toString(), "app-service-client"))
        .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile());
    Map<String, String> environment = child.environment();
    List.of("MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT", "AZURE_FEDERATED_TOKEN_FILE",
        "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")
        .forEach(environment::remove);
    environment.put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.port() + "/msi/token");
    environment.put("IDENTITY_HEADER", IDENTITY_HEADER);
    Process process = child.start();
    boolean exited = process.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String log = Files.readString(dir.resolve("probe.log"));

    assertThat(exited).as(log).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
    assertThat(log).contains("credential: managed identity (client app-service-client)").contains("scope token: access-1");
    assertThat(identity.countRequestsMatching(requests("GET", "/msi/token").build()).getCount()).isEqualTo(1);
    assertThat(acr.count(requests("POST", "/oauth2/exchange"))).isEqualTo(1);
    assertThat(acr.count(requests("POST", "/oauth2/token"))).isEqualTo(1);
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
