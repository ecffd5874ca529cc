package dev.outpost.serve.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLContext;

/** A small real-HTTP client for the endpoint under test. */
final class Http {
  private final HttpClient client;
  private final String base;

  Http(int port) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.base = "http://127.0.0.1:" + port;
  }

  /** Over HTTPS, trusting what {@code tls} trusts. */
  Http(int port, SSLContext tls) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).build();
    this.base = "https://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery));
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(String path, String authorization) {
    return send(request(path).header("Authorization", authorization));
  }

  HttpResponse<byte[]> head(String path, String authorization) {
    return send(request(path).header("Authorization", authorization).method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
