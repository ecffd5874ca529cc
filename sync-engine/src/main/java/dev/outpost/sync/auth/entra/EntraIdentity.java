package dev.outpost.sync.auth.entra;

import java.util.Map;
import java.util.Optional;

/**
 * Which Entra ID identity Outpost authenticates to ACR as ({@code parent.auth: {type: entra, …}} or
 * {@code ManagedIdentityClientId} in a connection string): a managed or workload identity's client
 * ID and the tenant, both optional, and the environment Azure Identity reads the rest from
 * ({@code AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_TENANT_ID}, {@code AZURE_AUTHORITY_HOST}, …).
 * The environment is always given, never read here: the agent passes its process environment, a test
 * its own; Azure Identity is told to read this one ({@link EntraCredentials}). {@link #toString()}
 * leaves the environment out (it may hold {@code AZURE_CLIENT_SECRET}).
 */
public record EntraIdentity(Optional<String> clientId, Optional<String> tenantId, Map<String, String> environment) {
  public EntraIdentity {
    clientId = clientId.map(String::trim).filter(s -> !s.isEmpty());
    tenantId = tenantId.map(String::trim).filter(s -> !s.isEmpty());
    environment = Map.copyOf(environment);
  }

  /**
   * A user-assigned managed identity (what {@code ManagedIdentityClientId} names), with an empty
   * environment until {@link #withEnvironment} gives it one.
   */
  public static EntraIdentity managedIdentity(String clientId) {
    return new EntraIdentity(Optional.of(clientId), Optional.empty(), Map.of());
  }

  /** The same identity, with Azure Identity reading {@code environment} instead of the process's. */
  public EntraIdentity withEnvironment(Map<String, String> environment) {
    return new EntraIdentity(clientId, tenantId, environment);
  }

  @Override
  public String toString() {
    return "Entra ID" + clientId.map(c -> " client " + c).orElse("") + tenantId.map(t -> " in tenant " + t).orElse("");
  }
}
