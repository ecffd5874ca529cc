package dev.outpost.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.agent.config.ConfigLoader;
import dev.outpost.agent.config.OutpostConfig;
import dev.outpost.agent.bundles.BundleFiles;
import dev.outpost.agent.imports.TestParts;
import dev.outpost.agent.tokens.StoreTokenAdmin;
import dev.outpost.agent.tokens.TokenSpec;
import dev.outpost.store.LocalStore;
import dev.outpost.store.auth.Action;
import dev.outpost.store.auth.RepositoryPattern;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import dev.outpost.store.rocks.RocksLocalStore;
import dev.outpost.store.model.Digest;
import dev.outpost.sync.bundle.BundleManifest;
import dev.outpost.sync.bundle.ImportReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site with no link: {@code run} with no parent serves, imports what appears in {@code import.watch}
 * and never syncs: with a fake import that commits an image, and with the real one.
 */
class ParentlessRunTest {
  private static final RepositoryName APP = RepositoryName.of("team/app");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void aBundlePartCopiedIntoTheWatchFolderWhileRunServesIsImportedAndServedAndNothingSyncs() throws Exception {
    Path usb = dir.resolve("usb");
    OutpostConfig config = config(usb);
    String password = clientToken(config);
    Image image = ImageBuilder.oci().layerFile("hello.txt", "from a disk".getBytes(StandardCharsets.UTF_8)).build();
    List<List<Path>> imported = new CopyOnWriteArrayList<>();
    OutpostRuntime.ImporterFactory fake = (store, meters, stop) -> parts -> {
      imported.add(parts);
      new ImageImporter(store).importImage(APP, image, Tag.of("1.0"));
      return new ImportReport("b1", 1, new TreeSet<>(Set.of(1)),
          List.of(new ImportReport.RepositoryImport(APP, 1, List.of(), Optional.empty())), List.of(), 0);
    };

    try (OutpostRuntime running = OutpostRuntime.start(config, Clock.systemUTC(), fake)) {
      assertThat(running.syncing()).isFalse();
      String manifest = "http://127.0.0.1:" + running.registryPort() + "/v2/team/app/manifests/1.0";
      String bearer = bearer(running, password);
      assertThat(get(manifest, bearer).statusCode()).isEqualTo(404);

      Path part = TestParts.directory(usb.resolve("bundle"), "b1", 1, 1);

      HttpResponse<String> pulled = awaitStatus(manifest, bearer, 200);
      assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(image.digest().toString());
      assertThat(imported).containsExactly(List.of(part));
      JsonNode status = json.readTree(get("http://127.0.0.1:" + running.adminPort() + "/status", null).body());
      assertThat(status.path("repositories")).hasSize(1);
      JsonNode app = status.path("repositories").get(0);
      assertThat(app.path("state").asText()).isEqualTo("imported");
      assertThat(app.path("lastImport").path("bundleId").asText()).isEqualTo("b1");
      assertThat(status.path("imports").path("state").asText()).isEqualTo("watching");
      assertThat(status.path("imports").path("watchFolder").asText()).isEqualTo(usb.toString());
      assertThat(status.path("imports").path("partsImported").asInt()).isEqualTo(1);
      assertThat(status.path("imports").has("lastError")).as(status.toString()).isFalse();
    }
  }

  /**
   * The same through the real import ({@code BundleImport}) with a bundle in two parts copied in the
   * wrong order: the layers' part first leaves the tag waiting; the manifest's part makes it visible.
   */
  @Test
  void withTheRealImportATwoPartBundleCopiedInAnyOrderIsServedOnceBothAreThere() throws Exception {
    Path usb = dir.resolve("usb");
    OutpostConfig config = config(usb);
    String password = clientToken(config);
    Image image = ImageBuilder.oci().layerFile("hello.txt", "carried aboard".getBytes(StandardCharsets.UTF_8)).build();
    Path staged = BundleFiles.write(dir.resolve("staged"), APP, Tag.of("1.0"), image, 2);

    try (OutpostRuntime running = OutpostRuntime.start(config, Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + running.registryPort() + "/v2/team/app/";
      String bearer = bearer(running, password);
      copyManifestLast(staged.resolve("part-2-of-2"), usb.resolve("part-2-of-2"));
      JsonNode waiting = awaitStatus(running, s -> s.path("imports").path("partsImported").asInt() == 1);
      assertThat(waiting.path("repositories").get(0).path("state").asText()).as(waiting.toString()).isEqualTo("waiting");
      assertThat(get(base + "manifests/1.0", bearer).statusCode()).isEqualTo(404);

      copyManifestLast(staged.resolve("part-1-of-2"), usb.resolve("part-1-of-2"));

      HttpResponse<String> pulled = awaitStatus(base + "manifests/1.0", bearer, 200);
      assertThat(pulled.headers().firstValue("Docker-Content-Digest")).contains(image.digest().toString());
      for (Map.Entry<Digest, byte[]> blob : image.blobs().entrySet()) {
        HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(URI.create(base + "blobs/" + blob.getKey()))
            .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.body()).isEqualTo(blob.getValue());
      }
      JsonNode done = awaitStatus(running, s -> s.path("imports").path("partsWaiting").asInt() == 0);
      assertThat(done.path("repositories").get(0).path("state").asText()).isEqualTo("imported");
      assertThat(done.path("repositories").get(0).path("lastImport").path("partsRead").toString()).isEqualTo("[1,2]");
    }
  }

  /** Polls the admin status until {@code condition} holds; a bound on failure, not a timing assertion. */
  private JsonNode awaitStatus(OutpostRuntime running, java.util.function.Predicate<JsonNode> condition) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    JsonNode status = json.readTree(get("http://127.0.0.1:" + running.adminPort() + "/status", null).body());
    while (!condition.test(status) && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = json.readTree(get("http://127.0.0.1:" + running.adminPort() + "/status", null).body());
    }
    assertThat(condition.test(status)).as(status.toString()).isTrue();
    return status;
  }

  /** Copies a directory part as a copy tool might, except that the bundle manifest comes last, as it would in a tar. */
  private static void copyManifestLast(Path from, Path to) throws Exception {
    List<Path> files;
    try (var walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile)
          .sorted(java.util.Comparator.comparing((Path p) -> p.endsWith(BundleManifest.FILE_NAME)))
          .toList();
    }
    for (Path file : files) {
      Path target = to.resolve(from.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
  }

  private OutpostConfig config(Path usb) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, """
        storage: {path: "%s"}
        serve: {listen: "127.0.0.1:0", httpEnabled: true, service: outpost.site.test}
        admin: {listen: "127.0.0.1:0"}
        import:
          watch: "%s"
          pollInterval: PT1S
        """.formatted(dir.resolve("store"), usb));
    return new ConfigLoader(Map.of()).load(file);
  }

  private static String clientToken(OutpostConfig config) {
    try (LocalStore store = RocksLocalStore.open(config.storage().path())) {
      return new StoreTokenAdmin(store).create(new TokenSpec("site", List.of(RepositoryPattern.parse("team/*")),
          Set.of(Action.CONTENT_READ, Action.METADATA_READ), Optional.empty())).password();
    }
  }

  private String bearer(OutpostRuntime running, String password) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.registryPort()
            + "/oauth2/token?service=outpost.site.test&scope=repository:team/app:pull"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("site:" + password)
            .getBytes(StandardCharsets.UTF_8))).build();
    HttpResponse<String> issued = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    return "Bearer " + json.readTree(issued.body()).path("token").asText();
  }

  /** Polls until the answer has {@code status}; a bound on failure, not a timing assertion. */
  private HttpResponse<String> awaitStatus(String url, String authorization, int status) throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    HttpResponse<String> last = get(url, authorization);
    while (last.statusCode() != status && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      last = get(url, authorization);
    }
    assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
    return last;
  }

  private HttpResponse<String> get(String url, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
