package dev.outpost.sync.engine;

import static dev.outpost.sync.testing.AcrStub.requests;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncing from an ACR (a WireMock stub over HTTPS with a CA made in the test, proxying content to the
 * parent fixture) with a sync token (Basic to the realm) and with Entra ID: Azure Identity's
 * {@code WorkloadIdentityCredential}, pointed by its environment ({@code AZURE_AUTHORITY_HOST},
 * {@code AZURE_FEDERATED_TOKEN_FILE}) at the stub's authority, gets the Entra token that is exchanged
 * for an ACR refresh token and then for access tokens.
 */
class EntraAcrSyncTest extends EngineTestSupport {
  @TempDir
  Path pki;

  private AcrStub acr;
  private final Image image = new RandomImages(11).ociImage(300_000, 200_000);

  @BeforeEach
  void startAcr() {
    acr = new AcrStub(pki, parent.url());
    parent.push("apps/web", "v1", image);
  }

  @AfterEach
  void stopAcr() {
    acr.close();
  }

  private ParentEndpoint acrParent() {
    return new ParentEndpoint(java.net.URI.create(acr.url()), Optional.empty(),
        new Transport(TlsTrust.withCaFile(acr.caFile()), EnvironmentProxies.none()), java.util.List.of());
  }

  private EntraIdentity workloadIdentity() throws IOException {
    Path assertion = Files.writeString(pki.resolve("federated-token"), "federated-assertion");
    return new EntraIdentity(Optional.of("client-123"), Optional.of(AcrStub.TENANT), Map.of(
        "AZURE_FEDERATED_TOKEN_FILE", assertion.toString(), "AZURE_AUTHORITY_HOST", acr.url() + "/"));
  }

  @Test
  void syncTokenGoesAsBasicToTheRealmOverHttpsWithTheSiteCa() {
    ParentEndpoint endpoint = ParentEndpoint.fromUrl(acr.url(), AcrStub.SYNC_USER, AcrStub.SYNC_PASSWORD)
        .withTransport(new Transport(TlsTrust.withCaFile(acr.caFile()), EnvironmentProxies.none()));

    SyncReport report = sync(settings("apps/web"), endpoint, () -> false);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v1"))).contains(image.digest());
    assertThat(acr.count(requests("GET", "/oauth2/token"))).isPositive();
  }

  @Test
  void entraTokenIsExchangedForARefreshTokenThenForAccessTokens() throws IOException {
    SyncReport report = sync(settings("apps/web"), acrParent().withEntra(workloadIdentity()), () -> false);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v1"))).contains(image.digest());
    // Azure Identity asked the authority once; one exchange; access tokens from the one refresh token.
    assertThat(acr.count(requests("POST", "/" + AcrStub.TENANT + "/oauth2/v2.0/token"))).isEqualTo(1);
    assertThat(acr.count(requests("POST", "/oauth2/exchange"))).isEqualTo(1);
    assertThat(acr.count(requests("POST", "/oauth2/token"))).isGreaterThanOrEqualTo(2); // ping scope, then the repository
  }

  @Test
  void anAccessTokenThatExpiresMidSyncIsRenewedAndTheSyncGoesOn() throws IOException {
    acr.expireFirstAccessTokenAt("/v2/apps/web/blobs/.*");

    SyncReport report = sync(settings("apps/web"), acrParent().withEntra(workloadIdentity()), () -> false);

    assertThat(report.complete()).as(report.toString()).isTrue();
    assertThat(store().resolveTag(RepositoryName.of("apps/web"), Tag.of("v1"))).contains(image.digest());
    // The refused token was replaced from the cached refresh token: no second exchange, no second Entra token.
    assertThat(acr.count(requests("POST", "/oauth2/exchange"))).isEqualTo(1);
    assertThat(acr.count(requests("POST", "/" + AcrStub.TENANT + "/oauth2/v2.0/token"))).isEqualTo(1);
    assertThat(acr.server().findAll(requests("GET", "/v2/apps/web/blobs/.*")
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer access-2")))).isNotEmpty();
  }

  @Test
  void anIdentityThatCannotBeHadIsReportedAsRefusedCredentialsNotAnUnreachableParent() {
    EntraIdentity nowhere = new EntraIdentity(Optional.of("client-123"), Optional.of(AcrStub.TENANT), Map.of(
        "AZURE_FEDERATED_TOKEN_FILE", pki.resolve("missing-token").toString(), "AZURE_AUTHORITY_HOST", acr.url() + "/"));

    SyncReport report = sync(settings("apps/web"), acrParent().withEntra(nowhere), () -> false);

    assertThat(report.parentFailure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(ParentFailure.Kind.CREDENTIALS_REFUSED);
      assertThat(f.reason()).contains("Entra ID").contains("workload identity (client client-123");
    });
    assertThat(acr.count(requests("POST", "/oauth2/exchange"))).isZero();
  }
}
