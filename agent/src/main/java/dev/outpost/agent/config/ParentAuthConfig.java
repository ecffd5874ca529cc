package dev.outpost.agent.config;

/**
 * {@code parent.auth:} how Outpost authenticates to the parent when it is not a username and
 * password. Today one type: {@code entra} (Entra ID through Azure Identity), with an optional
 * {@code clientId} (a user-assigned managed identity, or the workload identity's client) and
 * {@code tenantId}. Without a client ID, Azure Identity's {@code DefaultAzureCredential} chooses.
 */
public record ParentAuthConfig(String type, String clientId, String tenantId) {
  public static final String ENTRA = "entra";

  public ParentAuthConfig {
    if (type == null) {
      throw new ConfigValueException("parent.auth.type", "required: entra (Entra ID through Azure Identity)");
    }
    if (!type.equals(ENTRA)) {
      throw new ConfigValueException("parent.auth.type", "must be entra (Entra ID through Azure Identity), not '" + type
          + "'; a username and password are parent.username and parent.password(File)");
    }
  }
}
