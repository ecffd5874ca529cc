package dev.outpost.sync.auth.entra;

import java.util.Map;
import java.util.Optional;

/**
 * Which Entra ID identity Outpost authenticates to ACR as ({@code parent.auth: {type: entra, …}} or
 * {@code ManagedIdentityClientId} in a connection string): a managed or workload identity's client
 * ID and the tenant, both optional, and the environment Azure Identity reads the rest from
 * ({@code AZURE_FEDERATED_TOKEN_FILE}, {@code AZURE_TENANT_ID}, …: the process's, or a test's).
 * Nothing here is a secret; {@link #toString()} leaves the environment out.
 */
public record EntraIdentity(Optional<String> clientId, Optional<String> tenantId, Map<String, String> environment) {
  public EntraIdentity {
    clientId = clientId.map(String::trim).filter(s -> !s.isEmpty());
    tenantId = tenantId.map(String::trim).filter(s -> !s.isEmpty());
    environment = Map.copyOf(environment);
  }

  /** An identity whose remaining settings come from this process's environment. */
  public static EntraIdentity of(Optional<String> clientId, Optional<String> tenantId) {
    return new EntraIdentity(clientId, tenantId, System.getenv());
  }

  /** A user-assigned managed identity (what {@code ManagedIdentityClientId} names). */
  public static EntraIdentity managedIdentity(String clientId) {
    return of(Optional.of(clientId), Optional.empty());
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
