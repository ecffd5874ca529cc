package dev.outpost.sync.auth.entra;

import dev.outpost.sync.auth.BearerToken;
import dev.outpost.sync.auth.Challenge;
import dev.outpost.sync.http.AzureHttpClients;
import dev.outpost.sync.http.EnvironmentProxies;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.http.TlsTrust;
import dev.outpost.sync.http.Transport;
import dev.outpost.sync.parent.ParentEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Run in a child JVM by {@link ManagedIdentityEndpointTest}, whose environment names a managed identity
 * endpoint ({@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER}, as App Service and Container Apps set
 * them): MSAL reads those from the process environment alone. Builds the parent from a connection
 * string with {@code ManagedIdentityClientId}, as the agent does (the process environment as the
 * identity's), and gets an ACR access token for one scope. Prints {@code scope token: <value>}; the
 * values are the stubs' fixed test strings, not secrets.
 *
 * <p>Arguments: the ACR stub's URL, its CA file, the managed identity's client ID.
 */
public final class ManagedIdentityProbe {
  private ManagedIdentityProbe() {}

  public static void main(String[] args) throws Exception {
    String acrUrl = args[0];
    Map<String, String> environment = System.getenv();
    Transport transport = new Transport(TlsTrust.withCaFile(Path.of(args[1])), EnvironmentProxies.of(environment));
    ParentEndpoint parent = ParentEndpoint.fromConnectionString("ConnectedRegistryName=edge1;ManagedIdentityClientId="
            + args[2] + ";ParentGatewayEndpoint=" + java.net.URI.create(acrUrl).getAuthority() + ";ParentEndpointProtocol=https")
        .withEntraEnvironment(environment).withTransport(transport);
    EntraIdentity identity = parent.entra().orElseThrow();
    OkHttpClient http = HttpClients.plain(2, HttpClients.DEFAULT_STALL_TIMEOUT, transport);
    EntraCredentials.Choice choice = EntraCredentials.choose(identity, AzureHttpClients.over(http));
    EntraTokenSource tokens = new EntraTokenSource(http, choice.credential(), choice.description(), Optional.empty(),
        Clock.systemUTC());
    Challenge challenge = new Challenge("Bearer", Map.of("realm", acrUrl + "/oauth2/token", "service", "127.0.0.1"),
        Optional.empty());
    BearerToken token = tokens.fetch(challenge, "repository:apps/web:pull");
    System.out.println("credential: " + choice.description());
    System.out.println("scope token: " + token.value());
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    System.exit(0);
  }
}
