package dev.outpost.sync.registry;

import dev.outpost.sync.auth.ParentCredentials;
import dev.outpost.sync.http.HttpClients;
import dev.outpost.sync.parent.ParentEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts a child Outpost's status report to its parent Outpost ({@code POST
 * /outpost/v1/children/report}), with the parent's Basic credentials sent to that address only:
 * OkHttp drops {@code Authorization} on a redirect to another host. One attempt: a report that does
 * not arrive is replaced by the next pass's. Not for ACR or other registries, which have no such route.
 */
public final class ChildReportClient implements AutoCloseable {
  static final String PATH = "outpost/v1/children/report";
  private static final MediaType JSON = MediaType.get("application/json");

  private final ParentCredentials credentials;
  private final OkHttpClient http;

  private ChildReportClient(ParentCredentials credentials, OkHttpClient http) {
    this.credentials = credentials;
    this.http = http;
  }

  /**
   * A client for {@code parent} (its TLS trust and proxy) with its credentials as kept now, or null
   * when it has no username and password.
   */
  public static ChildReportClient of(ParentEndpoint parent, Duration stallTimeout) {
    return latestCredentials(parent)
        .map(c -> new ChildReportClient(c, HttpClients.plain(1, stallTimeout, parent.transport())))
        .orElse(null);
  }

  /**
   * What the password or connection-string file holds now, else what the endpoint was given. Why
   * read it again: the endpoint holds what was read when the pass began, and a password rotated
   * during the pass reaches sync through a renewal after the parent's 401; reported with the old one,
   * the pass's report would be refused (a 401 at the parent) and the parent would show the one before.
   */
  private static Optional<ParentCredentials> latestCredentials(ParentEndpoint parent) {
    try {
      Optional<ParentCredentials> kept = parent.credentialReader().read();
      return kept.isPresent() ? kept : parent.credentials();
    } catch (RuntimeException unreadable) {
      return parent.credentials(); // mid-rotation: the next report reads the file again
    }
  }

  /**
   * Posts {@code report} (JSON) to the parent at {@code address}.
   *
   * @throws IOException when it cannot be sent or the parent refuses it (the message has the status, no secret)
   */
  public void post(URI address, byte[] report) throws IOException {
    HttpUrl url = HttpUrl.get(address).newBuilder().encodedPath("/" + PATH).build();
    Request request = new Request.Builder().url(url).header("Authorization", credentials.basicHeader())
        .post(RequestBody.create(report, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("the parent " + url.host() + ":" + url.port() + " refused the child report: HTTP "
            + response.code());
      }
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
