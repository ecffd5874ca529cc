package dev.outpost.sync.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The Azure SDK's {@link HttpClient} over one of Outpost's own OkHttp clients, so that Azure
 * Identity and the Azure Container Registry SDK talk through the same transport as the rest of the
 * sync: the stall-timeout sockets, the parent's TLS trust ({@code parent.caFile}), the proxies read
 * from the environment, HTTP/1.1. Azure's builder would otherwise reset the timeouts to its own
 * defaults and pick a proxy from its global configuration; both are pinned back here.
 */
public final class AzureHttpClients {
  /** Azure's per-response wait for headers; bodies are bounded by the stall timeout of the sockets. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private AzureHttpClients() {}

  /** An Azure HTTP client that sends every request through {@code outpostClient}. */
  public static HttpClient over(OkHttpClient outpostClient) {
    return new OkHttpAsyncHttpClientBuilder(outpostClient)
        .connectionTimeout(HttpClients.CONNECT_TIMEOUT)
        .writeTimeout(HttpClients.WRITE_TIMEOUT)
        .readTimeout(Duration.ZERO) // the sockets time out a stall; see StallTimeoutSocketFactory
        .responseTimeout(RESPONSE_TIMEOUT)
        .configuration(Configuration.NONE) // no proxy from Azure's globals: the transport's proxies stand
        .build();
  }
}
