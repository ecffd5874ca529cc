package dev.outpost.agent.helm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/**
 * The fields of cert-manager's {@code cert-manager.io/v1} Issuer and Certificate that the chart
 * may use, named as cert-manager's API reference names them. fabric8 dropped its cert-manager
 * model after 6.x, so these records stand in; read strictly, a field cert-manager does not define
 * (or that the chart has no business setting) fails the test.
 */
final class CertManager {
  private CertManager() {}

  record Issuer(String apiVersion, String kind, ObjectMeta metadata, IssuerSpec spec) {}

  record IssuerSpec(SelfSigned selfSigned, Ca ca) {}

  record SelfSigned() {}

  record Ca(String secretName) {}

  record Certificate(String apiVersion, String kind, ObjectMeta metadata, CertificateSpec spec) {}

  record CertificateSpec(
      @JsonProperty("isCA") Boolean isCA,
      String commonName,
      String secretName,
      String duration,
      String renewBefore,
      PrivateKey privateKey,
      List<String> usages,
      List<String> dnsNames,
      List<String> ipAddresses,
      IssuerRef issuerRef) {}

  record PrivateKey(String algorithm, Integer size, String rotationPolicy) {}

  record IssuerRef(String name, String kind, String group) {}
}
