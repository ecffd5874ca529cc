package dev.outpost.agent.clientconfig;

/**
 * containerd's {@code <config_path>/<upstream>/hosts.toml}: {@code server} is the upstream, and the
 * Outpost endpoint is a host with the {@code pull} and {@code resolve} capabilities, its CA in
 * {@code ca}. hosts.toml has no login section; a token's credentials go in a static
 * {@code Authorization: Basic} header, which Outpost accepts on every {@code /v2/} request. Without
 * the password that header is written commented out, with a placeholder.
 *
 * <p>Written by hand rather than by a TOML library: the file is four tables deep at most, and
 * containerd's documentation shows it in this table form, which a library would render as dotted
 * keys. Every string goes through {@link #quoted}.
 */
public final class ContainerdHostsToml {
  private ContainerdHostsToml() {}

  public static String render(MirrorTarget target) {
    StringBuilder toml = new StringBuilder()
        .append("# <containerd config_path, e.g. /etc/containerd/certs.d>/").append(target.upstream())
        .append("/hosts.toml (written by outpost mirror-config)\n")
        .append("server = ").append(quoted(target.upstreamServer())).append("\n\n")
        .append("[host.").append(quoted(target.endpoint().toString())).append("]\n")
        .append("  capabilities = [\"pull\", \"resolve\"]\n");
    target.ca().ifPresent(ca -> toml.append("  ca = ").append(quoted(ca.toString())).append('\n'));
    target.auth().ifPresent(auth -> {
      String header = "[host." + quoted(target.endpoint().toString()) + ".header]\n";
      if (auth.basic().isPresent()) {
        toml.append('\n').append(header).append("    Authorization = ").append(quoted("Basic " + auth.basic().get())).append('\n');
      } else {
        toml.append("\n# Log in as token ").append(auth.username()).append(": uncomment, and put base64 of '")
            .append(auth.username()).append(":<password>' in place of the placeholder\n# (or run outpost mirror-config ")
            .append("again with --password-stdin).\n# ").append(header)
            .append("#   Authorization = ").append(quoted("Basic <base64 of " + auth.username() + ":password>")).append('\n');
      }
    });
    return toml.toString();
  }

  /** A TOML basic string: backslash, quote and control characters escaped. */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04X", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
