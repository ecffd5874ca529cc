package dev.outpost.sync.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.outpost.sync.auth.ParentCredentials;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The child's status report to its parent Outpost, over real HTTP to a stub hub that takes only the
 * ship's current password: a report after a rotation while {@code outpost run} runs is made with the
 * password the file holds now, not the one the process started with.
 */
class ChildReportClientTest {
  private static final byte[] REPORT = "{\"name\":\"ship-1\"}".getBytes(StandardCharsets.UTF_8);
  private final WireMockServer hub = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").port(0));

  @BeforeEach
  void start() {
    hub.start();
    hub.stubFor(post(urlEqualTo("/" + ChildReportClient.PATH)).willReturn(aResponse().withStatus(401)));
    hub.stubFor(post(urlEqualTo("/" + ChildReportClient.PATH))
        .withBasicAuth("ship-1", "rotated").willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void stop() {
    hub.stop();
  }

  private ParentEndpoint startedWith(String password) {
    return ParentEndpoint.fromUrl(hub.baseUrl(), "ship-1", password);
  }

  @Test
  void aReportAfterARotationIsMadeWithThePasswordKeptNow() throws Exception {
    ParentEndpoint parent = startedWith("original")
        .withCredentialReader(() -> Optional.of(new ParentCredentials("ship-1", "rotated")));

    try (ChildReportClient client = ChildReportClient.of(parent, HttpClients.DEFAULT_STALL_TIMEOUT)) {
      client.post(URI.create(hub.baseUrl()), REPORT);
    }

    hub.verify(1, postRequestedFor(urlEqualTo("/" + ChildReportClient.PATH))
        .withBasicAuth(new BasicCredentials("ship-1", "rotated")));
  }

  @Test
  void aFileUnreadableMidRotationFallsBackToThePasswordGiven() throws Exception {
    ParentEndpoint parent = startedWith("rotated").withCredentialReader(() -> {
      throw new IllegalStateException("cannot read /etc/outpost/password");
    });

    try (ChildReportClient client = ChildReportClient.of(parent, HttpClients.DEFAULT_STALL_TIMEOUT)) {
      client.post(URI.create(hub.baseUrl()), REPORT);
    }

    hub.verify(1, postRequestedFor(urlEqualTo("/" + ChildReportClient.PATH)));
  }

  @Test
  void aRefusedReportSaysSoWithoutThePassword() {
    try (ChildReportClient client = ChildReportClient.of(startedWith("original"), HttpClients.DEFAULT_STALL_TIMEOUT)) {
      assertThatThrownBy(() -> client.post(URI.create(hub.baseUrl()), REPORT))
          .isInstanceOf(IOException.class).hasMessageContaining("HTTP 401").hasMessageNotContaining("original");
    }
  }

  @Test
  void noCredentialsNoClient() {
    assertThat(ChildReportClient.of(ParentEndpoint.fromUrl(hub.baseUrl(), null, null),
        HttpClients.DEFAULT_STALL_TIMEOUT)).isNull();
  }
}
