package dev.outpost.agent.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.json.Json;
import dev.outpost.agent.config.ListenAddress;
import dev.outpost.agent.maintenance.GcResult;
import dev.outpost.agent.status.StatusReport;
import dev.outpost.agent.tokens.CreatedClientToken;
import dev.outpost.agent.tokens.TokenAdmin;
import dev.outpost.agent.tokens.TokenSpec;
import dev.outpost.agent.tokens.TokenSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Talks to a running Outpost's admin API on behalf of the CLI. */
public final class AdminClient implements TokenAdmin {
  private final URI base;
  private final Optional<AdminSecret> secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = Json.newMapper();
  /** Most admin calls answer at once. */
  private static final Duration QUICK = Duration.ofSeconds(30);
  /** GC and verify do work proportional to the store (verify re-hashes every blob). */
  private static final Duration STORE_WIDE = Duration.ofHours(6);

  public AdminClient(ListenAddress admin, Optional<AdminSecret> secret) {
    this.base = secret.flatMap(AdminSecret::url).orElse(URI.create("http://" + admin.connectAuthority()));
    this.secret = secret;
  }

  public StatusReport status() {
    return call("GET", "/status", null, new TypeReference<>() {}, false);
  }

  public void resync() {
    call("POST", "/resync", null, new TypeReference<Map<String, Object>>() {}, false);
  }

  public GcResult gc(boolean dryRun) {
    return call("POST", "/gc" + (dryRun ? "?dryRun=true" : ""), null, new TypeReference<>() {}, false, STORE_WIDE);
  }

  public dev.outpost.store.verify.VerifyReport verify(boolean repair) {
    return call("POST", "/verify" + (repair ? "?repair=true" : ""), null, new TypeReference<>() {}, false, STORE_WIDE);
  }

  /** Imports bundle parts into the store the running Outpost holds; {@code paths} as that machine sees them. */
  public dev.outpost.sync.bundle.ImportReport importBundle(List<java.nio.file.Path> paths) {
    ImportReportJson report = call("POST", "/imports", Map.of("paths", paths.stream().map(Object::toString).toList()),
        new TypeReference<ImportReportJson>() {}, false, STORE_WIDE);
    return report.toReport();
  }

  /** The running Outpost's inventory of its store. */
  public dev.outpost.sync.bundle.Inventory inventory() {
    com.fasterxml.jackson.databind.JsonNode tree = call("GET", "/inventory", null, new TypeReference<>() {}, false,
        STORE_WIDE);
    try {
      return dev.outpost.sync.bundle.BundleJson.readInventory(json.writeValueAsBytes(tree), base + "/inventory");
    } catch (IOException e) {
      throw new AdminUnavailableException("the running Outpost at " + base + " answered an unreadable inventory: "
          + e.getMessage(), e);
    }
  }

  @Override
  public CreatedClientToken create(TokenSpec spec) {
    return call("POST", "/tokens", TokenRequest.of(spec), new TypeReference<>() {}, false);
  }

  @Override
  public List<TokenSummary> list() {
    return call("GET", "/tokens", null, new TypeReference<>() {}, false);
  }

  /** A 404 is an answer here: the handler says {@code {"deleted":false}} when there was no such token. */
  @Override
  public boolean delete(String name) {
    Map<String, Boolean> result = call("DELETE", tokenPath(name), null, new TypeReference<>() {}, true);
    return Boolean.TRUE.equals(result.get("deleted"));
  }

  @Override
  public CreatedClientToken rotate(String name, int slot, Optional<java.time.Instant> expiry) {
    return call("POST", tokenPath(name) + "/rotate", new RotateRequest(slot, expiry.orElse(null)),
        new TypeReference<>() {}, false);
  }

  /** A 404 is an answer here: {@code {"found":false}} when there is no such token. */
  @Override
  public boolean setEnabled(String name, boolean enabled) {
    Map<String, Boolean> result = call("POST", tokenPath(name) + (enabled ? "/enable" : "/disable"), null,
        new TypeReference<>() {}, true);
    return Boolean.TRUE.equals(result.get("found"));
  }

  /** A 404 is an answer here: no such token. */
  @Override
  public Optional<TokenSummary> show(String name) {
    Map<String, Object> result = call("GET", tokenPath(name), null, new TypeReference<>() {}, true);
    return result.containsKey("error") ? Optional.empty() : Optional.of(json.convertValue(result, TokenSummary.class));
  }

  /** A token name goes into the path only once it is known to be one (letters, digits, _ and -). */
  private static String tokenPath(String name) {
    return "/tokens/" + dev.outpost.store.auth.ClientToken.requireName(name);
  }

  /**
   * Why the admin API did not answer, in words: no class names (a {@code ConnectException} has no
   * message of its own, and its {@code toString()} is only its class name).
   */
  private String unreachable(IOException e) {
    if (e instanceof java.net.ConnectException) {
      return "no running Outpost answers at " + base + " (is 'outpost run' running with this configuration?)";
    }
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "the running Outpost's admin API at " + base + " did not answer in time";
    }
    String why = e.getMessage() == null || e.getMessage().isBlank() ? "the connection failed" : e.getMessage();
    return "cannot reach the running Outpost's admin API at " + base + ": " + why;
  }

  private <T> T call(String method, String path, Object body, TypeReference<T> type, boolean notFoundIsAnswer) {
    return call(method, path, body, type, notFoundIsAnswer, QUICK);
  }

  private <T> T call(String method, String path, Object body, TypeReference<T> type, boolean notFoundIsAnswer,
      Duration timeout) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
          .header("Content-Type", "application/json");
      secret.ifPresent(s -> request.header("Authorization", "Bearer " + s.bearerValue()));
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      boolean answered = response.statusCode() / 100 == 2 || (notFoundIsAnswer && response.statusCode() == 404);
      if (!answered) {
        Map<String, Object> error = json.readValue(response.body(), new TypeReference<>() {});
        if (response.statusCode() == 400) {
          // The request was understood and refused (an expiry in the past, a name taken): a usage error.
          throw new IllegalArgumentException(String.valueOf(error.getOrDefault("error", "HTTP 400")));
        }
        if (response.statusCode() == 422 && AdminHandler.BUNDLE_REFUSED.equals(error.get("code"))) {
          // Unchecked past this method's own IOException handling: the caller unwraps it, as for a local import.
          throw new java.io.UncheckedIOException(new dev.outpost.sync.bundle.InvalidBundleException(
              String.valueOf(error.get("error"))));
        }
        throw new AdminUnavailableException("the running Outpost at " + base + " refused " + method + " " + path
            + ": " + error.getOrDefault("error", "HTTP " + response.statusCode()), null);
      }
      return json.readValue(response.body(), type);
    } catch (IOException e) {
      throw new AdminUnavailableException(unreachable(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminUnavailableException("interrupted while calling the admin API", e);
    }
  }
}
