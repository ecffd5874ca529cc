package dev.outpost.sync.parent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outpost.sync.auth.ParentCredentials;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectionStringTest {
  private static final String SECRET = "s3cr=t+Pa55";
  private static final String CANONICAL = "ConnectedRegistryName=edge1;SyncTokenName=edge1-sync;SyncTokenPassword="
      + SECRET + ";ParentGatewayEndpoint=myreg.westeurope.data.azurecr.io;ParentEndpointProtocol=https";

  static Stream<String> acceptedSpellings() {
    return Stream.of(
        CANONICAL,
        "=" + CANONICAL,
        "\uFEFF" + CANONICAL,
        "\uFEFF=" + CANONICAL + "\r\n",
        CANONICAL.replace(";", ";\r\n"),
        "connectedregistryname=edge1;SYNCTOKENNAME=edge1-sync;syncTokenPassword=" + SECRET
            + ";parentgatewayendpoint=myreg.westeurope.data.azurecr.io;PARENTENDPOINTPROTOCOL=https",
        CANONICAL.replace("=https", "=HTTPS"),
        CANONICAL + ";",
        " " + CANONICAL.replace(";", " ; "));
  }

  @ParameterizedTest
  @MethodSource("acceptedSpellings")
  void parsesWhatAzCliAndCopyPasteProduce(String raw) {
    ConnectionString cs = ConnectionString.parse(raw);

    assertThat(cs.connectedRegistryName()).isEqualTo("edge1");
    assertThat(cs.syncTokenName()).isEqualTo("edge1-sync");
    assertThat(cs.syncTokenPassword()).isEqualTo(SECRET);
    assertThat(cs.parentGatewayEndpoint()).isEqualTo("myreg.westeurope.data.azurecr.io");
    assertThat(cs.parentEndpointProtocol()).isEqualTo("https");
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("", "empty"),
        Arguments.of("\uFEFF=\r\n", "empty"),
        Arguments.of(CANONICAL.replace("ConnectedRegistryName=edge1;", ""), "ConnectedRegistryName is missing"),
        Arguments.of(CANONICAL.replace("ParentGatewayEndpoint=myreg.westeurope.data.azurecr.io;", ""),
            "ParentGatewayEndpoint is missing"),
        Arguments.of(CANONICAL.replace("SyncTokenName=edge1-sync;", ""), "SyncTokenName is missing"),
        Arguments.of(CANONICAL.replace("SyncTokenPassword=" + SECRET + ";", ""), "SyncTokenPassword is missing"),
        Arguments.of(CANONICAL.replace("SyncTokenName=edge1-sync;SyncTokenPassword=" + SECRET + ";", ""),
            "SyncTokenName and SyncTokenPassword are missing"),
        // Both ways to authenticate at once: which one was meant is not clear.
        Arguments.of(CANONICAL + ";ManagedIdentityClientId=1234-abcd",
            "set either ManagedIdentityClientId (Entra ID) or SyncTokenName and SyncTokenPassword, not both"),
        Arguments.of("ConnectedRegistryName=edge1;ManagedIdentityClientId=;ParentGatewayEndpoint=r.azurecr.io",
            "ManagedIdentityClientId is missing"),
        Arguments.of(CANONICAL.replace("=https", "=ftp"), "ParentEndpointProtocol must be https or http"),
        Arguments.of(CANONICAL + ";garbage", "segment 6 is not of the form Key=Value"),
        Arguments.of(CANONICAL + ";syncTokenPassword=" + SECRET, "names syncTokenPassword twice"),
        Arguments.of(CANONICAL.replace("myreg.westeurope.data.azurecr.io", "https://u:" + SECRET + "@h/x"),
            "ParentGatewayEndpoint must be a host"));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void errorsNameTheKeyAndNeverThePassword(String raw, String expectedMessage) {
    assertThatThrownBy(() -> ConnectionString.parse(raw))
        .isInstanceOf(InvalidConnectionStringException.class)
        .hasMessageContaining(expectedMessage)
        .message().doesNotContain(SECRET);
  }

  @Test
  void toStringRedactsThePassword() {
    assertThat(ConnectionString.parse(CANONICAL).toString()).doesNotContain(SECRET).contains("<redacted>");
    assertThat(ParentEndpoint.fromConnectionString(CANONICAL).toString()).doesNotContain(SECRET);
  }

  @Test
  void endpointFromConnectionString() {
    ParentEndpoint endpoint = ParentEndpoint.fromConnectionString(CANONICAL);

    assertThat(endpoint.baseUrl()).isEqualTo(URI.create("https://myreg.westeurope.data.azurecr.io"));
    assertThat(endpoint.credentials()).contains(new ParentCredentials("edge1-sync", SECRET));
  }

  @Test
  void managedIdentityClientIdMeansEntraIdInsteadOfASyncToken() {
    String raw = "ConnectedRegistryName=edge1;ManagedIdentityClientId=1234-abcd;ParentGatewayEndpoint=r.westeurope.data.azurecr.io";
    assertThat(ConnectionString.parse(raw).managedIdentityClientId()).contains("1234-abcd");
    ParentEndpoint endpoint = ParentEndpoint.fromConnectionString(raw);
    assertThat(endpoint.credentials()).isEmpty();
    assertThat(endpoint.entra()).contains(dev.outpost.sync.auth.entra.EntraIdentity.managedIdentity("1234-abcd"));
    assertThat(endpoint.acr()).isTrue();
    assertThat(endpoint.toString()).contains("Entra ID client 1234-abcd");
  }

  @Test
  void acrIsRecognisedByItsHostsAndCanBeSaidForAnyHost() {
    assertThat(ParentEndpoint.fromUrl("https://myreg.azurecr.io", null, null).acr()).isTrue();
    assertThat(ParentEndpoint.fromUrl("https://myreg.westeurope.data.azurecr.io", null, null).acr()).isTrue();
    assertThat(ParentEndpoint.fromUrl("https://registry.example", null, null).acr()).isFalse();
    assertThat(ParentEndpoint.fromUrl("https://127.0.0.1:5000", null, null).withAcr(true).acr()).isTrue();
  }

  @Test
  void endpointFromUrlDropsThePathAndKeepsThePort() {
    ParentEndpoint endpoint = ParentEndpoint.fromUrl("http://127.0.0.1:5000/v2/", "u", "p");

    assertThat(endpoint.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:5000"));
    assertThat(endpoint.credentials()).contains(new ParentCredentials("u", "p"));
    assertThat(ParentEndpoint.fromUrl("http://h", null, null).credentials()).isEqualTo(Optional.empty());
  }

  @Test
  void endpointRejectsUrlsWithUserInfoWithoutEchoingThem() {
    assertThatThrownBy(() -> ParentEndpoint.fromUrl("http://u:" + SECRET + "@h:1", null, null))
        .isInstanceOf(InvalidConnectionStringException.class)
        .message().doesNotContain(SECRET);
    assertThatThrownBy(() -> ParentEndpoint.fromUrl("ftp://h", null, null))
        .hasMessageContaining("http(s)");
  }
}
