package dev.outpost.sync.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The proxy rules every other registry client honours: {@code HTTPS_PROXY} for https parents,
 * {@code HTTP_PROXY} for http ones (either case, upper first), and {@code NO_PROXY}, a comma list of
 * hosts that go direct: {@code *}, an exact host or IP, or a domain suffix ({@code .corp.example} or
 * {@code corp.example}, which also covers its subdomains), optionally with {@code :port}. A proxy URL
 * may carry {@code user:password}, sent as {@code Proxy-Authorization} to the proxy only. The JVM does
 * not read these variables itself, and OkHttp does not either.
 */
public final class EnvironmentProxies extends ProxySelector {
  private final Optional<HttpUrl> httpsProxy;
  private final Optional<HttpUrl> httpProxy;
  private final List<String> noProxy;

  private EnvironmentProxies(Optional<HttpUrl> httpsProxy, Optional<HttpUrl> httpProxy, List<String> noProxy) {
    this.httpsProxy = httpsProxy;
    this.httpProxy = httpProxy;
    this.noProxy = noProxy;
  }

  /** The rules of {@code environment}; a proxy variable that is not an http(s) URL is refused, naming it. */
  public static EnvironmentProxies of(Map<String, String> environment) {
    return new EnvironmentProxies(proxy(environment, "HTTPS_PROXY"), proxy(environment, "HTTP_PROXY"),
        variable(environment, "NO_PROXY").map(EnvironmentProxies::entries).orElse(List.of()));
  }

  /** No proxy at all. */
  public static EnvironmentProxies none() {
    return new EnvironmentProxies(Optional.empty(), Optional.empty(), List.of());
  }

  /** Routes the client's requests by these rules, with the proxy's credentials when its URL has some. */
  void applyTo(OkHttpClient.Builder builder) {
    if (httpsProxy.isEmpty() && httpProxy.isEmpty()) {
      return;
    }
    builder.proxySelector(this).proxyAuthenticator((route, response) -> {
      Optional<HttpUrl> proxy = route == null ? Optional.empty() : proxyFor(route.address().url());
      if (proxy.isEmpty() || proxy.get().username().isEmpty()
          || response.request().header("Proxy-Authorization") != null) {
        return null; // nothing to offer, or the proxy refused what we offered
      }
      return response.request().newBuilder().header("Proxy-Authorization",
          Credentials.basic(proxy.get().username(), proxy.get().password())).build();
    });
  }

  @Override
  public List<Proxy> select(URI uri) {
    HttpUrl url = HttpUrl.get(uri);
    return proxyFor(url)
        .map(p -> List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port()))))
        .orElse(List.of(Proxy.NO_PROXY));
  }

  Optional<HttpUrl> proxyFor(HttpUrl url) {
    if (bypasses(url.host(), url.port())) {
      return Optional.empty();
    }
    return url.isHttps() ? httpsProxy : httpProxy;
  }

  private boolean bypasses(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String name = entry;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(']') < colon && entry.chars().filter(c -> c == ':').count() == 1) {
        if (!entry.substring(colon + 1).equals(String.valueOf(port))) {
          continue;
        }
        name = entry.substring(0, colon);
      }
      String domain = name.startsWith(".") ? name.substring(1) : name;
      if (h.equals(domain) || h.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }

  /** Equal rules are equal, so a parent read again each pass is the same parent while the environment is. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EnvironmentProxies p && httpsProxy.equals(p.httpsProxy) && httpProxy.equals(p.httpProxy)
        && noProxy.equals(p.noProxy);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(httpsProxy, httpProxy, noProxy);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // OkHttp reports the failure itself; there is no other proxy to fall back to
  }

  private static Optional<HttpUrl> proxy(Map<String, String> environment, String name) {
    return variable(environment, name).map(value -> {
      HttpUrl url = HttpUrl.parse(value.contains("://") ? value : "http://" + value);
      if (url == null) {
        throw new IllegalArgumentException(name + " is not a proxy URL (http://host:port)");
      }
      return url;
    });
  }

  private static Optional<String> variable(Map<String, String> environment, String name) {
    return Optional.ofNullable(environment.get(name)).or(() -> Optional.ofNullable(environment.get(name.toLowerCase(Locale.ROOT))))
        .map(String::trim).filter(v -> !v.isEmpty());
  }

  private static List<String> entries(String noProxy) {
    return Arrays.stream(noProxy.split(",")).map(String::trim).filter(e -> !e.isEmpty())
        .map(e -> e.toLowerCase(Locale.ROOT)).toList();
  }
}
