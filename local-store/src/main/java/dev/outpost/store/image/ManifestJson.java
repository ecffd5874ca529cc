package dev.outpost.store.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.model.Descriptor;
import java.util.Map;

/**
 * Writes descriptors and documents as compact JSON with a fixed field order, so output is
 * deterministic. Shared by the builders here, {@link OciLayout} and the test fixtures' builders.
 */
public final class ManifestJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestJson() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ObjectNode descriptor(Descriptor d) {
    ObjectNode node = object();
    node.put("mediaType", d.mediaType().value());
    node.put("digest", d.digest().toString());
    node.put("size", d.size());
    d.artifactType().ifPresent(t -> node.put("artifactType", t));
    d.platform().ifPresent(p -> {
      ObjectNode platform = node.putObject("platform");
      platform.put("architecture", p.architecture());
      platform.put("os", p.os());
      if (p.variant() != null) {
        platform.put("variant", p.variant());
      }
    });
    putAnnotations(node, d.annotations());
    return node;
  }

  public static void putAnnotations(ObjectNode node, Map<String, String> annotations) {
    if (!annotations.isEmpty()) {
      ObjectNode target = node.putObject("annotations");
      annotations.forEach(target::put);
    }
  }

  public static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree built in memory always serialises", e);
    }
  }
}
