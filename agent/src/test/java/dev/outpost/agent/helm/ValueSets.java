package dev.outpost.agent.helm;

/** The values files the chart tests render with, as a site would write them. */
final class ValueSets {
  static final String CONNECTION_STRING = "ConnectedRegistryName=site;SyncTokenName=site-sync;"
      + "SyncTokenPassword=not-a-real-password;ParentGatewayEndpoint=myregistry.westeurope.data.azurecr.io;"
      + "ParentEndpointProtocol=https";

  /** Nothing set: the chart's defaults. */
  static final String DEFAULTS = "";

  /** A certificate of the site's own, and ACR's value names for the rest. */
  static final String TLS_SECRET = """
      connectionString: "%s"
      tls:
        secretName: site-certs
      service:
        type: LoadBalancer
        clusterIP: 10.43.0.50
      pvc:
        storageClassName: local-path
        storageRequest: 50Gi
      sync:
        repositories: ["team/*", "library/hello"]
        schedule: "0 22 * * *"
        window: PT6H
        chunkSizeInMb: 16
      """.formatted(CONNECTION_STRING);

  /** Plain HTTP, the connection string from a Secret that already exists. */
  static final String HTTP = """
      httpEnabled: true
      existingSecret: acr-connection
      existingSecretKey: connection-string
      """;

  static final String CERT_MANAGER = """
      connectionString: "%s"
      cert-manager:
        enabled: true
      service:
        clusterIP: 10.43.0.50
      tls:
        dnsNames: [registry.site.example]
      """.formatted(CONNECTION_STRING);

  static final String TRUST_DISTRIBUTION = """
      connectionString: "%s"
      service:
        clusterIP: 10.43.0.50
      trustDistribution:
        enabled: true
        upstream: myregistry.azurecr.io
        hostPath: /var/lib/rancher/k3s/agent/etc/containerd/certs.d
      """.formatted(CONNECTION_STRING);

  private ValueSets() {}
}
