package dev.outpost.sync.auth.entra;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
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
 *
 * <p>Azure Identity reads its settings ({@code AZURE_AUTHORITY_HOST}, {@code AZURE_CLIENT_SECRET},
 * {@code AZURE_TOKEN_CREDENTIALS}, …) from the identity's environment, never from the process's
 * directly: each builder gets a {@link Configuration} made of that environment alone. One part is out
 * of reach: the managed identity endpoint itself ({@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER},
 * {@code MSI_ENDPOINT}, {@code IMDS_ENDPOINT}, {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}) is chosen
 * by MSAL from the process environment, so a managed identity always asks the endpoint the process
 * sees (IMDS at its fixed address when none is set), through {@code http}.
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
    Configuration configuration = configurationOf(env);
    Optional<String> tokenFile = value(env, FEDERATED_TOKEN_FILE);
    Optional<String> tenant = identity.tenantId().or(() -> value(env, TENANT_ID));
    Optional<String> client = identity.clientId().or(() -> value(env, CLIENT_ID));
    if (tokenFile.isPresent() && tenant.isPresent() && client.isPresent()) {
      WorkloadIdentityCredentialBuilder builder = quiet(new WorkloadIdentityCredentialBuilder(), http, configuration)
          .tenantId(tenant.get()).clientId(client.get()).tokenFilePath(tokenFile.get());
      if (unknownAuthority(env)) {
        builder.disableInstanceDiscovery();
      }
      return new Choice(builder.build(), "workload identity (client " + client.get() + ", tenant " + tenant.get() + ")");
    }
    if (identity.clientId().isPresent()) {
      return new Choice(quiet(new ManagedIdentityCredentialBuilder(), http, configuration).clientId(identity.clientId().get()).build(),
          "managed identity (client " + identity.clientId().get() + ")");
    }
    DefaultAzureCredentialBuilder builder = quiet(new DefaultAzureCredentialBuilder(), http, configuration);
    identity.tenantId().ifPresent(builder::tenantId);
    if (unknownAuthority(env)) {
      builder.disableInstanceDiscovery();
    }
    return new Choice(builder.build(), "DefaultAzureCredential" + identity.tenantId().map(t -> " (tenant " + t + ")").orElse(""));
  }

  /**
   * Azure's settings as {@code environment} gives them, and nothing else: no system properties, and
   * not the process environment behind its back (Azure's default is a copy of both).
   */
  static Configuration configurationOf(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    return new ConfigurationBuilder(source -> Map.of(), source -> Map.of(), source -> copy).build();
  }

  /** An authority Entra publishes no instance metadata for (a sovereign or test one): discovery would fail. */
  private static boolean unknownAuthority(Map<String, String> env) {
    return value(env, AUTHORITY_HOST).filter(a -> !KNOWN_AUTHORITIES.contains(hostOf(a))).isPresent();
  }

  /** The configuration goes first: setting it resets the authority host to the one it names. */
  private static <T extends CredentialBuilderBase<T>> T quiet(T builder, HttpClient http, Configuration configuration) {
    return builder.configuration(configuration).httpClient(http)
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
