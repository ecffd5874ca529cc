package dev.outpost.sync.auth.entra;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.identity.CredentialBuilderBase;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the Azure Identity credential for an {@link EntraIdentity}:
 * <ol>
 *   <li>workload identity (AKS) when its environment is present ({@code AZURE_FEDERATED_TOKEN_FILE},
 *       with a tenant and client from the configuration or {@code AZURE_TENANT_ID}/{@code AZURE_CLIENT_ID});
 *       it comes first because a pod set up for it may also see a node's managed identity, which is
 *       not the identity meant;</li>
 *   <li>else a user-assigned managed identity when a client ID is configured;</li>
 *   <li>else {@code DefaultAzureCredential} (environment, workload, managed identity, developer tools).</li>
 * </ol>
 * Every credential talks through {@code http} (Outpost's OkHttp: stall timeout, TLS trust, proxies),
 * with Azure's own retries off (Outpost's retry policy is the one that decides) and Azure's HTTP
 * logging off (it would never print a token, but a quiet library is the rule).
 */
public final class EntraCredentials {
  static final String FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE";
  static final String TENANT_ID = "AZURE_TENANT_ID";
  static final String CLIENT_ID = "AZURE_CLIENT_ID";
  static final String AUTHORITY_HOST = "AZURE_AUTHORITY_HOST";
  /** Authority hosts whose instance metadata Entra publishes; any other (a sovereign or test authority) skips discovery. */
  private static final Set<String> KNOWN_AUTHORITIES = Set.of("login.microsoftonline.com", "login.microsoftonline.us",
      "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");

  /** The chosen credential and a description of it for messages ({@code workload identity client …}). */
  public record Choice(TokenCredential credential, String description) {}

  private EntraCredentials() {}

  /** The credential for {@code identity}, in the environment it names. */
  public static Choice choose(EntraIdentity identity, HttpClient http) {
    Map<String, String> env = identity.environment();
    Optional<String> tokenFile = value(env, FEDERATED_TOKEN_FILE);
    Optional<String> tenant = identity.tenantId().or(() -> value(env, TENANT_ID));
    Optional<String> client = identity.clientId().or(() -> value(env, CLIENT_ID));
    if (tokenFile.isPresent() && tenant.isPresent() && client.isPresent()) {
      WorkloadIdentityCredentialBuilder builder = quiet(new WorkloadIdentityCredentialBuilder(), http)
          .tenantId(tenant.get()).clientId(client.get()).tokenFilePath(tokenFile.get());
      Optional<String> authority = value(env, AUTHORITY_HOST);
      authority.ifPresent(builder::authorityHost);
      if (authority.isPresent() && !KNOWN_AUTHORITIES.contains(hostOf(authority.get()))) {
        builder.disableInstanceDiscovery();
      }
      return new Choice(builder.build(), "workload identity (client " + client.get() + ", tenant " + tenant.get() + ")");
    }
    if (identity.clientId().isPresent()) {
      return new Choice(quiet(new ManagedIdentityCredentialBuilder(), http).clientId(identity.clientId().get()).build(),
          "managed identity (client " + identity.clientId().get() + ")");
    }
    DefaultAzureCredentialBuilder builder = quiet(new DefaultAzureCredentialBuilder(), http);
    identity.tenantId().ifPresent(builder::tenantId);
    return new Choice(builder.build(), "DefaultAzureCredential" + identity.tenantId().map(t -> " (tenant " + t + ")").orElse(""));
  }

  private static <T extends CredentialBuilderBase<T>> T quiet(T builder, HttpClient http) {
    return builder.httpClient(http)
        .retryPolicy(new RetryPolicy(new FixedDelay(0, Duration.ofMillis(1))))
        .maxRetry(0)
        .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE));
  }

  private static Optional<String> value(Map<String, String> env, String key) {
    return Optional.ofNullable(env.get(key)).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
