package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outpost.agent.json.Json;
import dev.outpost.agent.status.StatusReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Reads a running Outpost's open admin endpoints ({@code /status}, {@code /metrics}) over real HTTP. */
final class AdminProbe {
  private final HttpClient http = HttpClient.newHttpClient();
  private final OutpostRuntime running;

  AdminProbe(OutpostRuntime running) {
    this.running = running;
  }

  /** The body of {@code GET path}, which must answer 200. */
  String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + running.adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  /** Polls {@code /status} until {@code done} holds; fails saying {@code what} did not happen within 60 s. */
  StatusReport awaitStatus(Predicate<StatusReport> done, String what) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    StatusReport status;
    do {
      status = Json.newMapper().readValue(get("/status"), StatusReport.class);
      if (done.test(status)) {
        return status;
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(what + " within 60 s; last status: " + status);
  }
}
