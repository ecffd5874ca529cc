package dev.outpost.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.fixtures.RepositoryRoot;
import dev.outpost.fixtures.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The image {@code scripts/build-image.sh} writes to {@code agent/target/image/oci}, built first
 * unless it was built from the source as it is now ({@code --if-stale}: a test never runs an image
 * of older code), and what its index and configuration declare.
 */
final class OutpostImage {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path layout;
  private final JsonNode index;
  private final JsonNode config;

  private OutpostImage(Path layout, JsonNode index, JsonNode config) {
    this.layout = layout;
    this.index = index;
    this.config = config;
  }

  /** The image of the current source, built now if needed; the build's output goes to {@code log}. */
  static OutpostImage current(Path log) throws IOException, InterruptedException {
    Path root = RepositoryRoot.path();
    Path layout = root.resolve("agent/target/image/oci");
    Path indexFile = layout.resolve("index.json");
    build(root, log);
    JsonNode index = JSON.readTree(indexFile.toFile());
    JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").path(0).path("digest").asText()).toFile());
    JsonNode config = JSON.readTree(blob(layout, manifest.path("config").path("digest").asText()).toFile());
    return new OutpostImage(layout, index, config);
  }

  private static void build(Path root, Path log) throws IOException, InterruptedException {
    ToolRun.Result built = ToolRun.run(BUILD_TIMEOUT, List.of(root.resolve("scripts/build-image.sh").toString(), "--if-stale"));
    Files.writeString(log, built.stdout() + built.stderr());
    if (!built.succeeded()) {
      throw new IllegalStateException("scripts/build-image.sh exited " + built.exitCode() + "; its output is in " + log
          + ":\n" + tail(built.stderr()));
    }
  }

  Path layout() {
    return layout;
  }

  /** The tags index.json names ({@code org.opencontainers.image.ref.name}). */
  List<String> tags() {
    List<String> tags = new ArrayList<>();
    index.path("manifests").forEach(m -> tags.add(m.path("annotations").path("org.opencontainers.image.ref.name").asText()));
    return tags;
  }

  /** The image configuration's {@code config} object: Entrypoint, Cmd, User, Volumes… */
  JsonNode runConfig() {
    return config.path("config");
  }

  List<String> entrypoint() {
    return strings(runConfig().path("Entrypoint"));
  }

  List<String> cmd() {
    return strings(runConfig().path("Cmd"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  private static String tail(String text) {
    return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
  }
}
