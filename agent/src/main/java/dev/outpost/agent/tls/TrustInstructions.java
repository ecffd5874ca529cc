package dev.outpost.agent.tls;

import dev.outpost.serve.tls.SubjectNames;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.stream.Stream;

/**
 * The text {@code outpost tls init} prints: what was written, how Outpost serves it, and how each
 * kind of client trusts the site CA. Only paths and public names appear, never key material.
 */
public final class TrustInstructions {
  /** Shown in the client snippets; the chart's port. The real one is serve.listen's. */
  static final int DEFAULT_PORT = 8080;

  private TrustInstructions() {}

  public static String render(TlsInit.Result result, SubjectNames names) {
    SiteTlsFiles files = result.files();
    String host = names.primary().contains(":") ? "[" + names.primary() + "]" : names.primary();
    String endpoint = host + ":" + DEFAULT_PORT;
    String sans = Stream.concat(names.dns().stream().map(d -> "DNS:" + d), names.ips().stream().map(i -> "IP:" + i))
        .reduce((a, b) -> a + ", " + b).orElse("");
    return """
        Site CA %s: %s
          %s, valid until %s
          %s is its private key (mode 0600): keep it here, never on clients;
          it is needed only to issue the next certificate (re-run outpost tls init: the CA is reused).
        Server certificate: %s (then the CA), key %s (mode 0600)
          %s, valid until %s; renew before then by re-running this command: Outpost
          picks up new files without a restart.

        Serve with it (outpost.yaml):
          serve:
            tls:
              certFile: %s
              keyFile: %s
        In Kubernetes: kubectl create secret tls outpost-tls --cert=%s --key=%s
          (chart value tls.secretName: outpost-tls)

        Trust the site CA on every client (%s below: %s is the chart's port; use your serve.listen port):
          K3s, /etc/rancher/k3s/registries.yaml (copy ca.crt to /etc/rancher/k3s/outpost-ca.crt):
            configs:
              "%s":
                tls:
                  ca_file: /etc/rancher/k3s/outpost-ca.crt
          containerd, /etc/containerd/certs.d/<upstream registry>/hosts.toml (copy ca.crt beside it):
            [host."https://%s"]
              capabilities = ["pull", "resolve"]
              ca = "/etc/containerd/certs.d/<upstream registry>/outpost-ca.crt"
          docker: copy ca.crt to /etc/docker/certs.d/%s/ca.crt
          podman, skopeo, buildah: copy ca.crt to /etc/containers/certs.d/%s/ca.crt
          outpost mirror-config --k3s|--containerd --ca %s ... prints these ready to use.
        """.formatted(result.caReused() ? "reused" : "created", files.caCert(),
        result.ca().certificate().getSubjectX500Principal().getName(), day(result.ca().certificate().getNotAfter()),
        files.caKey(), files.serverCert(), files.serverKey(), sans, day(result.server().certificate().getNotAfter()),
        files.serverCert(), files.serverKey(), files.serverCert(), files.serverKey(), endpoint, DEFAULT_PORT, endpoint,
        endpoint, endpoint, endpoint, files.caCert());
  }

  private static LocalDate day(Date date) {
    return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
  }
}
