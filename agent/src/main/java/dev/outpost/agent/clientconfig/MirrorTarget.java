package dev.outpost.agent.clientconfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a mirror configuration says: pull {@code upstream} (a registry host, as image references
 * name it) through the Outpost at {@code endpoint} ({@code https://host:port}, or {@code http://}
 * for {@code serve.httpEnabled}), trusting {@code ca} (a path on the node) and logging in as
 * {@code auth}. Checked once here, so the renderers only format.
 */
public record MirrorTarget(String upstream, URI endpoint, Optional<Path> ca, Optional<ClientAuth> auth) {
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?");

  public MirrorTarget {
    if (!HOST_PORT.matcher(upstream).matches()) {
      throw new IllegalArgumentException("--upstream '" + upstream
          + "' must be a registry host as image names use it, such as myregistry.azurecr.io (no scheme, no path)");
    }
    if (ca.isPresent() && !endpoint.getScheme().equals("https")) {
      throw new IllegalArgumentException("--ca needs an https:// --endpoint (got " + endpoint + ")");
    }
  }

  /** Parses {@code --endpoint}: {@code http(s)://host[:port]} and nothing more. */
  public static URI endpoint(String text) {
    String expected = "--endpoint '" + text + "' must be https://HOST:PORT (or http://HOST:PORT for serve.httpEnabled)";
    try {
      URI uri = new URI(text);
      boolean schemeOk = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      if (!schemeOk || uri.getHost() == null || !bare) {
        throw new IllegalArgumentException(expected);
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(expected, e);
    }
  }

  /** {@code host:port} of the endpoint, the key K3s's {@code configs} and pull secrets use. */
  public String endpointAuthority() {
    return endpoint.getRawAuthority();
  }

  /** The upstream's own URL, containerd's {@code server}: Docker Hub's registry is not at docker.io itself. */
  public String upstreamServer() {
    return "docker.io".equals(upstream) ? "https://registry-1.docker.io" : "https://" + upstream;
  }
}
