package dev.outpost.sync.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.outpost.sync.testing.AcrStub.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.outpost.fixtures.RandomImages;
import dev.outpost.store.image.Image;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.auth.entra.EntraIdentity;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import dev.outpost.sync.testing.AcrStub;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Azure Identity credential Outpost picks, and where it asks, with every setting given as an
 * environment that is not the process's: a managed identity ({@code ManagedIdentityClientId} in a
 * connection string) asking IMDS, a workload identity (AKS: {@code AZURE_FEDERATED_TOKEN_FILE},
 * {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_AUTHORITY_HOST}) and
 * {@code DefaultAzureCredential} (here: a service principal's {@code AZURE_CLIENT_SECRET}). Each Entra
 * token then goes through ACR's exchange ({@link AcrStub}: HTTPS, test CA) and the sync completes.
 *
 * <p>MSAL picks the managed identity endpoint from the process environment alone, so IMDS is asked at
 * its real address, {@code http://169.254.169.254}; the test's environment routes plain HTTP through
 * an {@code HTTP_PROXY} that is a WireMock "IMDS" (and keeps the ACR direct with {@code NO_PROXY}).
 */
class EntraCredentialSourcesTest extends EngineTestSupport {
  private static final String IMDS_HOST = "169.254.169.254";
  private static final String ENTRA_TOKEN_PATH = "/" + AcrStub.TENANT + "/oauth2/v2.0/token";

  @TempDir
  Path pki;

  private AcrStub acr;
  private WireMockServer imds;
  private final Image image = new RandomImages(12).ociImage(200_000, 100_000);

  @BeforeEach
  void start() {
    acr = new AcrStub(pki, parent.url());
    imds = new WireMockServer(options().bindAddress("127.0.0.1").port(0));
    imds.start();
    parent.push("apps/web", "v1", image);
  }

  @AfterEach
  void stop() {
    imds.stop();
    acr.close();
  }

  private Transport transport(Map<String, String> environment) {
    return new Transport(TlsTrust.withCaFile(acr.caFile()), EnvironmentProxies.of(environment));
  }

  private void assertSynced(SyncReport report) {
    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v1"))).contains(image.digest());
    assertThat(acr.count(requests("POST", "/oauth2/exchange"))).isEqualTo(1);
    assertThat(acr.count(requests("POST", "/oauth2/token"))).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aConnectionStringsManagedIdentityClientIdAsksImdsForThatIdentity() {
    // MSAL reads the managed identity source from the process environment; on App Service, Arc,
    // Service Fabric or Cloud Shell it would not ask IMDS at all.
    assumeTrue(Stream.of("IDENTITY_ENDPOINT", "MSI_ENDPOINT", "IMDS_ENDPOINT", "AZURE_POD_IDENTITY_AUTHORITY_HOST")
        .allMatch(name -> System.getenv(name) == null), "the process environment names a managed identity endpoint");
    String clientId = "mi-client-" + System.nanoTime(); // MSAL caches managed identity tokens per JVM and identity
    imds.stubFor(get(urlPathEqualTo("/metadata/identity/oauth2/token"))
        .withHeader("Host", equalTo(IMDS_HOST)).withHeader("Metadata", equalTo("true"))
        .withQueryParam("client_id", equalTo(clientId))
        .withQueryParam("resource", equalTo("https://containerregistry.azure.net"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\":\""
            + AcrStub.ENTRA_TOKEN + "\",\"expires_in\":\"3600\",\"expires_on\":\""
            + (System.currentTimeMillis() / 1000 + 3600) + "\",\"resource\":\"https://containerregistry.azure.net\","
            + "\"token_type\":\"Bearer\",\"client_id\":\"" + clientId + "\"}")));
    Map<String, String> environment = Map.of("HTTP_PROXY", "http://127.0.0.1:" + imds.port(), "NO_PROXY", "127.0.0.1");
    ParentEndpoint endpoint = ParentEndpoint.fromConnectionString("ConnectedRegistryName=edge1;ManagedIdentityClientId="
            + clientId + ";ParentGatewayEndpoint=" + URI.create(acr.url()).getAuthority() + ";ParentEndpointProtocol=https")
        .withAcr(false) // ACR's listing API is the subject of the listing tests; here, the token flow
        .withEntraEnvironment(environment).withTransport(transport(environment));

    SyncReport report = sync(settings("apps/web"), endpoint, () -> false);

    assertSynced(report);
    assertThat(imds.countRequestsMatching(requests("GET", "/metadata/identity/oauth2/token").build()).getCount())
        .isEqualTo(1);
  }

  @Test
  void aWorkloadIdentitySendsTheFederatedTokenFileAsItsAssertionToTheAuthorityItIsGiven() throws IOException {
    Path tokenFile = Files.writeString(pki.resolve("azure-identity-token"), "federated-assertion");
    // What the AKS workload identity webhook injects; parent.auth names no client or tenant.
    Map<String, String> environment = Map.of("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString(),
        "AZURE_CLIENT_ID", "wi-client", "AZURE_TENANT_ID", AcrStub.TENANT, "AZURE_AUTHORITY_HOST", acr.url() + "/");
    ParentEndpoint endpoint = new ParentEndpoint(URI.create(acr.url()), Optional.empty(), transport(environment), List.of())
        .withEntra(new EntraIdentity(Optional.empty(), Optional.empty(), environment));

    SyncReport report = sync(settings("apps/web"), endpoint, () -> false);

    assertSynced(report);
    List<LoggedRequest> asked = acr.server().findAll(requests("POST", ENTRA_TOKEN_PATH));
    assertThat(asked).hasSize(1);
    Map<String, String> form = form(asked.getFirst().getBodyAsString());
    assertThat(form).containsEntry("client_assertion", "federated-assertion").containsEntry("client_id", "wi-client")
        .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    assertThat(form.get("scope")).contains("https://containerregistry.azure.net/.default");
  }

  @Test
  void defaultAzureCredentialTakesAServicePrincipalFromTheEnvironmentItIsGiven() {
    acr.server().stubFor(post(urlPathEqualTo(ENTRA_TOKEN_PATH)).atPriority(1)
        .withRequestBody(containing("client_secret=sp-secret")).withRequestBody(containing("client_id=sp-client"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"token_type\":\"Bearer\","
            + "\"expires_in\":3600,\"ext_expires_in\":3600,\"access_token\":\"" + AcrStub.ENTRA_TOKEN + "\"}")));
    Map<String, String> environment = Map.of("AZURE_CLIENT_ID", "sp-client", "AZURE_CLIENT_SECRET", "sp-secret",
        "AZURE_TENANT_ID", AcrStub.TENANT, "AZURE_AUTHORITY_HOST", acr.url() + "/");
    ParentEndpoint endpoint = new ParentEndpoint(URI.create(acr.url()), Optional.empty(), transport(environment), List.of())
        .withEntra(new EntraIdentity(Optional.empty(), Optional.of(AcrStub.TENANT), environment));

    SyncReport report = sync(settings("apps/web"), endpoint, () -> false);

    assertSynced(report);
    assertThat(acr.count(requests("POST", ENTRA_TOKEN_PATH))).isEqualTo(1);
  }

  private static Map<String, String> form(String body) {
    return Stream.of(body.split("&")).map(pair -> pair.split("=", 2)).collect(java.util.stream.Collectors.toMap(
        kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : ""));
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
