package dev.outpost.sync.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.RepositoryName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@link BundlePlan} on disk ({@code plan.json} in the create's state folder), written once,
 * atomically, before any content. The bundle manifest inside it is {@link BundleJson}'s form.
 */
final class PlanFile {
  static final String NAME = "plan.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanFile() {}

  static void write(Path stateDir, BundlePlan plan) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("options", plan.options());
    root.put("skippedItems", plan.skippedItems());
    root.put("skippedBytes", plan.skippedBytes());
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings().forEach(warnings::add);
    ObjectNode from = root.putObject("from");
    plan.from().forEach((digest, repo) -> from.put(digest.toString(), repo.value()));
    ObjectNode indexes = root.putObject("indexes");
    plan.indexes().forEach((part, entries) -> {
      ArrayNode list = indexes.putArray(part.toString());
      for (LayoutIndex.Entry e : entries) {
        ObjectNode entry = list.addObject().put("mediaType", e.manifest().mediaType().value())
            .put("digest", e.manifest().digest().toString()).put("size", e.manifest().size());
        ObjectNode annotations = entry.putObject("annotations");
        new TreeMap<>(e.annotations()).forEach(annotations::put);
      }
    });
    root.set("bundle", JSON.readTree(BundleJson.write(plan.manifest())));
    Files.createDirectories(stateDir);
    Path temp = stateDir.resolve(NAME + ".tmp");
    Files.write(temp, JSON.writeValueAsBytes(root));
    Files.move(temp, stateDir.resolve(NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static boolean exists(Path stateDir) {
    return Files.isRegularFile(stateDir.resolve(NAME));
  }

  static BundlePlan read(Path stateDir) throws IOException {
    Path file = stateDir.resolve(NAME);
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
      BundleManifest manifest = BundleJson.readManifest(JSON.writeValueAsBytes(root.path("bundle")), file.toString());
      SortedMap<Digest, RepositoryName> from = new TreeMap<>();
      root.path("from").fields().forEachRemaining(e -> from.put(Digest.parse(e.getKey()), RepositoryName.of(e.getValue().asText())));
      SortedMap<Integer, List<LayoutIndex.Entry>> indexes = new TreeMap<>();
      root.path("indexes").fields().forEachRemaining(e -> {
        List<LayoutIndex.Entry> entries = new ArrayList<>();
        for (JsonNode n : e.getValue()) {
          Map<String, String> annotations = new HashMap<>();
          n.path("annotations").fields().forEachRemaining(a -> annotations.put(a.getKey(), a.getValue().asText()));
          entries.add(new LayoutIndex.Entry(Descriptor.of(MediaType.parse(n.path("mediaType").asText()),
              Digest.parse(n.path("digest").asText()), n.path("size").asLong()), annotations));
        }
        indexes.put(Integer.parseInt(e.getKey()), entries);
      });
      List<String> warnings = new ArrayList<>();
      root.path("warnings").forEach(w -> warnings.add(w.asText()));
      return new BundlePlan(root.path("options").asText(), manifest, from, indexes, root.path("skippedItems").asInt(),
          root.path("skippedBytes").asLong(), warnings);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidBundleException(file + ": the saved plan of an unfinished bundle create cannot be read ("
          + e.getMessage() + "); remove " + stateDir + " and the output to start over", e);
    }
  }
}
