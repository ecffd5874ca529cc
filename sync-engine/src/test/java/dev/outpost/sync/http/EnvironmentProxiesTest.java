package dev.outpost.sync.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentProxiesTest {
  private final WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

  @AfterEach
  void stop() {
    proxy.stop();
  }

  @ParameterizedTest(name = "{0} with NO_PROXY={1}: direct={2}")
  @CsvSource(delimiter = '|', value = {
      "https://reg.corp.example/v2/ | ''                   | false",
      "https://reg.corp.example/v2/ | corp.example         | true",
      "https://reg.corp.example/v2/ | .corp.example        | true",
      "https://reg.corp.example/v2/ | rp.example           | false",
      "https://reg.corp.example/v2/ | other.example, *     | true",
      "https://reg.corp.example/v2/ | reg.corp.example:443 | true",
      "https://reg.corp.example/v2/ | reg.corp.example:5000| false",
      "https://10.0.0.7:5000/v2/    | 10.0.0.7             | true",
      "http://reg.corp.example/v2/  | ''                   | false"})
  void noProxyDecidesWhatGoesDirect(String url, String noProxy, boolean direct) {
    EnvironmentProxies proxies = EnvironmentProxies.of(Map.of("HTTPS_PROXY", "http://proxy:3128",
        "http_proxy", "http://plain-proxy:3128", "NO_PROXY", noProxy));
    Optional<HttpUrl> chosen = proxies.proxyFor(HttpUrl.get(url));
    assertThat(chosen.isEmpty()).isEqualTo(direct);
    chosen.ifPresent(p -> assertThat(p.host()).isEqualTo(url.startsWith("https") ? "proxy" : "plain-proxy"));
  }

  @Test
  void aProxyThatIsNoUrlIsRefusedNamingTheVariableNotItsValue() {
    assertThatThrownBy(() -> EnvironmentProxies.of(Map.of("HTTPS_PROXY", "http://user:secret@[bad")))
        .hasMessage("HTTPS_PROXY is not a proxy URL (http://host:port)");
  }

  @Test
  void requestsToTheParentGoThroughTheProxyWithItsCredentials() throws IOException {
    proxy.start();
    proxy.stubFor(get(urlPathEqualTo("/v2/")).atPriority(2)
        .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
    proxy.stubFor(get(urlPathEqualTo("/v2/")).atPriority(1)
        .withHeader("Proxy-Authorization", equalTo(Credentials.basic("u", "p"))).willReturn(aResponse().withStatus(200)));
    EnvironmentProxies proxies = EnvironmentProxies.of(Map.of("HTTP_PROXY", "http://u:p@127.0.0.1:" + proxy.port()));
    OkHttpClient client = HttpClients.plain(2, Duration.ofSeconds(5), new Transport(TlsTrust.system(), proxies));

    // The parent's name does not resolve here: only the proxy can answer.
    try (Response r = client.newCall(new Request.Builder().url("http://parent.invalid:5000/v2/").build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    proxy.verify(getRequestedFor(urlPathEqualTo("/v2/")).withHeader("Proxy-Authorization", equalTo(Credentials.basic("u", "p"))));
  }

  @Test
  void noProxyHostsAreReachedDirectly() {
    proxy.start();
    proxy.stubFor(get(urlPathEqualTo("/v2/")).willReturn(aResponse().withStatus(200)));
    EnvironmentProxies proxies = EnvironmentProxies.of(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port(),
        "NO_PROXY", "parent.invalid"));
    OkHttpClient client = HttpClients.plain(2, Duration.ofSeconds(5), new Transport(TlsTrust.system(), proxies));

    assertThatThrownBy(() -> client.newCall(new Request.Builder().url("http://parent.invalid:5000/v2/").build()).execute())
        .isInstanceOf(IOException.class);
    assertThat(proxy.getAllServeEvents()).isEmpty();
  }
}
