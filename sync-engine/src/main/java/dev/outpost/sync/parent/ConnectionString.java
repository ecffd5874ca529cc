package dev.outpost.sync.parent;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An ACR connected-registry connection string, as printed by
 * {@code az acr connected-registry get-settings}:
 * {@code ConnectedRegistryName=<name>;SyncTokenName=<token>;SyncTokenPassword=<pwd>;ParentGatewayEndpoint=<host>;ParentEndpointProtocol=https}.
 *
 * <p>Tolerates what copy-paste and the az CLI add: a UTF-8 BOM, a leading {@code =}, CR/LF, blanks
 * around separators, empty segments; keys are case-insensitive. Error messages name the key at
 * fault and never contain the password; {@link #toString()} redacts it.
 *
 * <p>{@code ManagedIdentityClientId=<client id>} replaces the two sync token fields: Outpost then
 * authenticates with that user-assigned managed identity through Entra ID (the sync token fields are
 * null). Giving both is refused, since it is not clear which one was meant.
 */
public record ConnectionString(
    String connectedRegistryName,
    String syncTokenName,
    String syncTokenPassword,
    String parentGatewayEndpoint,
    String parentEndpointProtocol,
    Optional<String> managedIdentityClientId) {

  static final String NAME = "connectedregistryname";
  static final String TOKEN = "synctokenname";
  static final String PASSWORD = "synctokenpassword";
  static final String IDENTITY = "managedidentityclientid";
  static final String GATEWAY = "parentgatewayendpoint";
  static final String PROTOCOL = "parentendpointprotocol";

  /** Parses {@code raw}; throws {@link InvalidConnectionStringException} naming the bad key. */
  public static ConnectionString parse(String raw) {
    Map<String, String> fields = fields(clean(raw));
    String name = required(fields, NAME, "ConnectedRegistryName");
    String gateway = required(fields, GATEWAY, "ParentGatewayEndpoint");
    String protocol = Optional.ofNullable(fields.get(PROTOCOL)).orElse("https").toLowerCase(Locale.ROOT);
    if (!protocol.equals("https") && !protocol.equals("http")) {
      throw new InvalidConnectionStringException(
          "ParentEndpointProtocol must be https or http, not '" + protocol + "'");
    }
    if (gateway.contains("/") || gateway.contains("@")) {
      // Not echoed: a URL pasted here may carry user:password@.
      throw new InvalidConnectionStringException(
          "ParentGatewayEndpoint must be a host or host:port, without scheme, path or user info");
    }
    String token = fields.get(TOKEN);
    String password = fields.get(PASSWORD);
    if (fields.containsKey(IDENTITY)) {
      String clientId = required(fields, IDENTITY, "ManagedIdentityClientId");
      if (token != null || password != null) {
        throw new InvalidConnectionStringException(
            "set either ManagedIdentityClientId (Entra ID) or SyncTokenName and SyncTokenPassword, not both");
      }
      return new ConnectionString(name, null, null, gateway, protocol, Optional.of(clientId));
    }
    requireSyncToken(token, password);
    return new ConnectionString(name, token, password, gateway, protocol, Optional.empty());
  }

  private static void requireSyncToken(String token, String password) {
    if (token == null && password == null) {
      throw new InvalidConnectionStringException("SyncTokenName and SyncTokenPassword are missing");
    }
    if (token == null || password == null) {
      throw new InvalidConnectionStringException(token != null
          ? "SyncTokenPassword is missing (SyncTokenName is set)"
          : "SyncTokenName is missing (SyncTokenPassword is set)");
    }
  }

  private static String clean(String raw) {
    if (raw == null) {
      throw new InvalidConnectionStringException("connection string is empty");
    }
    String s = raw.replace("\uFEFF", "").replace("\r", "").replace("\n", "").trim();
    while (s.startsWith("=")) {
      s = s.substring(1).trim();
    }
    if (s.isEmpty()) {
      throw new InvalidConnectionStringException("connection string is empty");
    }
    return s;
  }

  private static Map<String, String> fields(String s) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String segment : s.split(";")) {
      if (segment.isBlank()) {
        continue;
      }
      int eq = segment.indexOf('=');
      if (eq <= 0) {
        throw new InvalidConnectionStringException("connection string segment "
            + (fields.size() + 1) + " is not of the form Key=Value");
      }
      String key = segment.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = segment.substring(eq + 1).trim(); // a password may itself contain '='
      if (fields.putIfAbsent(key, value) != null) {
        throw new InvalidConnectionStringException("connection string names " + segment.substring(0, eq).trim() + " twice");
      }
    }
    return fields;
  }

  private static String required(Map<String, String> fields, String key, String displayName) {
    String value = fields.get(key);
    if (value == null || value.isEmpty()) {
      throw new InvalidConnectionStringException(displayName + " is missing from the connection string");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ConnectionString[ConnectedRegistryName=" + connectedRegistryName
        + (managedIdentityClientId.isPresent() ? ", ManagedIdentityClientId=" + managedIdentityClientId.get()
            : ", SyncTokenName=" + syncTokenName + ", SyncTokenPassword=<redacted>")
        + ", ParentGatewayEndpoint=" + parentGatewayEndpoint
        + ", ParentEndpointProtocol=" + parentEndpointProtocol + "]";
  }
}
