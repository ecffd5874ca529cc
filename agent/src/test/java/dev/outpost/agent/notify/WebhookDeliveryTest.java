package dev.outpost.agent.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.sync.engine.RepoResult;
import dev.outpost.sync.engine.SyncChanges;
import dev.outpost.sync.engine.SyncReport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks over real HTTP to a JDK HttpServer receiver. */
class WebhookDeliveryTest {
  private static final String SECRET = "s3cret-key";
  private static final Set<String> ALL = Set.of("pass.completed", "pass.failed", "image.synced", "image.deleted");
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private HttpServer receiver;
  private Notifier notifier;

  record Received(String body, String signature, String contentType) {}

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void aReceiverGetsCloudEventsSignedWithTheSecret() throws Exception {
    BlockingQueue<Received> got = new LinkedBlockingQueue<>();
    receiver = receiver(exchange -> {
      got.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          exchange.getRequestHeaders().getFirst("X-Outpost-Signature-256"),
          exchange.getRequestHeaders().getFirst("Content-Type")));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    notifier = notifier(ALL, Optional.of(new WebhookSignature(SECRET)), 100);

    notifier.passFinished(passWithOneImage(), Duration.ofSeconds(42));

    Received pass = got.poll(30, TimeUnit.SECONDS);
    Received image = got.poll(30, TimeUnit.SECONDS);
    assertThat(pass).isNotNull();
    assertThat(image).isNotNull();
    for (Received r : List.of(pass, image)) {
      assertThat(r.contentType()).isEqualTo("application/cloudevents+json");
      assertThat(r.signature()).isEqualTo("sha256=" + hmac(r.body()));
    }
    JsonNode passEvent = new ObjectMapper().readTree(pass.body());
    assertThat(passEvent.get("specversion").asText()).isEqualTo("1.0");
    assertThat(passEvent.get("type").asText()).isEqualTo("dev.outpost.pass.completed");
    assertThat(passEvent.get("source").asText()).isEqualTo("//outpost/test-site");
    assertThat(passEvent.get("id").asText()).isNotBlank();
    assertThat(passEvent.get("time").asText()).isEqualTo("2026-12-01T02:00:00Z");
    assertThat(passEvent.at("/data/durationSeconds").asDouble()).isEqualTo(42.0);
    JsonNode imageEvent = new ObjectMapper().readTree(image.body());
    assertThat(imageEvent.get("type").asText()).isEqualTo("dev.outpost.image.synced");
    assertThat(imageEvent.get("subject").asText()).isEqualTo("team/app:v1@" + digest());
    assertThat(imageEvent.at("/data/digest").asText()).isEqualTo(digest().toString());
  }

  @Test
  void aFailingReceiverIsRetriedUntilItAnswers() throws Exception {
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    receiver = receiver(exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (calls.incrementAndGet() < 3) {
        exchange.sendResponseHeaders(503, -1);
      } else {
        got.add("ok");
        exchange.sendResponseHeaders(200, -1);
      }
      exchange.close();
    });
    notifier = notifier(Set.of("pass.completed"), Optional.empty(), 100);

    notifier.passFinished(passWithOneImage(), Duration.ZERO);

    assertThat(got.poll(30, TimeUnit.SECONDS)).isEqualTo("ok");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void aHangingReceiverDoesNotHoldUpThePassAndAFullQueueDropsTheOldest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch reached = new CountDownLatch(1);
    receiver = receiver(exchange -> {
      reached.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    notifier = notifier(ALL, Optional.of(new WebhookSignature(SECRET)), 5);
    notifier.passFinished(passWithOneImage(), Duration.ZERO);
    assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue(); // the sender thread is now stuck in the receiver

    // Passes keep finishing while the receiver blocks: each returns with the receiver still held.
    for (int i = 0; i < 20; i++) {
      notifier.passFinished(passWithOneImage(), Duration.ZERO);
    }
    assertThat(release.getCount()).isEqualTo(1);
    // 41 queued while one is in flight: the first pass's image.synced and 20 x 2; 5 fit.
    assertThat(meters.counter("outpost_notify_dropped_total", "url", url()).count()).isEqualTo(41 - 5);
    release.countDown();
  }

  private Notifier notifier(Set<String> events, Optional<WebhookSignature> signature, int capacity) {
    WebhookSender sender = new WebhookSender(URI.create(url()), events, signature,
        new RetryBackoff(5, Duration.ofMillis(10), Duration.ofMillis(50)), capacity, meters);
    return new Notifier(List.of(sender), "//outpost/test-site", clock);
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static HttpServer receiver(com.sun.net.httpserver.HttpHandler handler) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", handler);
    server.start();
    return server;
  }

  private static Digest digest() {
    return Digest.parse("sha256:" + "a".repeat(64));
  }

  private static SyncReport passWithOneImage() {
    RepositoryName repo = RepositoryName.of("team/app");
    SyncChanges changes = new SyncChanges(List.of(new SyncChanges.TagMove(repo, Tag.of("v1"), digest())), 2, 1024,
        List.of(), List.of(), List.of());
    return new SyncReport(List.of(RepoResult.ok(repo, 1)), Optional.empty(), Optional.empty(), changes);
  }

  /** Computed here, not with WebhookSignature, so the test checks the scheme rather than echoing it. */
  private static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
