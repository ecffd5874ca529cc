package dev.outpost.sync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one place where a parent response is judged: a successful response passes through; any
 * other is closed after reading at most {@value #MAX_ERROR_BODY} bytes of its body, and turned into
 * a {@link ParentException} whose message names what was attempted. Bodies read whole (manifests,
 * listings, tokens) are read here too, under a cap.
 */
public final class ResponseGate {
  /** Error bodies are read through this cap (DESIGN invariant 7: bounded memory). */
  public static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_DETAIL_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResponseGate() {}

  /**
   * Returns {@code response} when its status is 2xx; otherwise closes it and throws.
   * {@code attempted} reads like "fetch blob sha256:… of library/hello".
   */
  public static Response check(Response response, String attempted) {
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw failure(response, attempted);
    }
  }

  /** Builds the exception for an unsuccessful {@code response} (which the caller closes). */
  public static ParentException failure(Response response, String attempted) {
    String body = readErrorBody(response.body());
    Optional<String[]> envelope = envelope(body);
    Optional<String> code = envelope.map(e -> e[0]);
    String detail = envelope.map(e -> e[0] + (e[1].isEmpty() ? "" : " (" + e[1] + ")"))
        .orElseGet(() -> Messages.oneLine(body, MAX_DETAIL_CHARS));
    String message = "Tried to " + attempted + " from " + Redaction.url(response.request().url()) + ": HTTP "
        + response.code() + (detail.isEmpty() ? "" : " " + detail);
    return new ParentException(message, response.code(), code, Optional.ofNullable(response.header("Retry-After")),
        leftTheOrigin(response), Optional.of(response.request().url()));
  }

  /**
   * Reads the whole body of a successful {@code response}, refusing more than {@code cap} bytes
   * (DESIGN invariant 7: bounded memory) with an {@link UnusableResponseException}: the parent
   * would send the same body again, so it is not retried.
   */
  public static byte[] readBody(Response response, int cap, String attempted) throws IOException {
    try (InputStream in = response.body().byteStream()) {
      byte[] bytes = in.readNBytes(cap + 1);
      if (bytes.length > cap) {
        throw new UnusableResponseException("Tried to " + attempted + " from " + Redaction.url(response.request().url())
            + ": the body is larger than " + cap + " bytes");
      }
      return bytes;
    }
  }

  /** True when redirects took the request away from the scheme/host/port it was first sent to. */
  private static boolean leftTheOrigin(Response response) {
    Response first = response;
    while (first.priorResponse() != null) {
      first = first.priorResponse();
    }
    return first != response && !Origins.same(first.request().url(), response.request().url());
  }

  /** At most {@link #MAX_ERROR_BODY} bytes of an error body, or nothing if it cannot be read. */
  private static String readErrorBody(ResponseBody body) {
    if (body == null) {
      return "";
    }
    try (InputStream in = body.byteStream()) {
      return new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** {code, message} of the first error of a distribution-spec envelope {@code {"errors":[…]}}. */
  private static Optional<String[]> envelope(String body) {
    if (body.isBlank() || body.charAt(0) != '{') {
      return Optional.empty();
    }
    try {
      JsonNode first = JSON.readTree(body).path("errors").path(0);
      if (!first.path("code").isTextual()) {
        return Optional.empty();
      }
      String message = Messages.oneLine(first.path("message").asText(""), MAX_DETAIL_CHARS);
      return Optional.of(new String[] {first.path("code").asText(), message});
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
