package dev.outpost.store.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.InvalidValueException;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses OCI image manifests and indexes, Docker schema 2 manifests and manifest lists, and OCI
 * artifacts ({@code artifactType}, {@code subject}). The kind comes from the document's
 * {@code mediaType} field when present (OCI makes it optional), otherwise from the Content-Type,
 * otherwise from the shape ({@code manifests} means an index).
 */
public final class ManifestParser {
  /** Manifests larger than this are refused: registries commonly cap at 4 MiB. */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestParser() {}

  public static ParsedManifest parse(ManifestContent content) {
    return parse(content.bytes(), content.contentType());
  }

  /** Parses {@code bytes}; throws {@link InvalidValueException} (kind MANIFEST) with the reason. */
  public static ParsedManifest parse(byte[] bytes, MediaType contentType) {
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw invalid("manifest is " + bytes.length + " bytes, over the " + MAX_MANIFEST_BYTES + " byte limit");
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw invalid("manifest is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("manifest could not be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw invalid("manifest is not a JSON object");
    }
    MediaType mediaType = kindOf(root, contentType);
    Optional<Descriptor> subject = root.has("subject") ? Optional.of(descriptor(root.get("subject"), "subject")) : Optional.empty();
    Optional<String> artifactType = optionalText(root, "artifactType");
    if (mediaType.isIndex()) {
      return new ImageIndex(mediaType, descriptors(root, "manifests"), subject, artifactType);
    }
    if (!root.has("config")) {
      throw invalid("image manifest has no config");
    }
    return new ImageManifest(mediaType, descriptor(root.get("config"), "config"),
        descriptors(root, "layers"), subject, artifactType);
  }

  private static MediaType kindOf(JsonNode root, MediaType contentType) {
    Optional<String> declared = optionalText(root, "mediaType");
    if (declared.isPresent()) {
      MediaType type;
      try {
        type = MediaType.parse(declared.get());
      } catch (InvalidValueException e) {
        // The document is what is malformed here, so the kind is MANIFEST, not MEDIA_TYPE.
        throw invalid("manifest mediaType: " + e.getMessage());
      }
      if (!type.isManifest()) {
        throw invalid("unsupported manifest media type " + declared.get());
      }
      return type;
    }
    if (contentType != null && contentType.isManifest()) {
      return contentType;
    }
    return root.has("manifests") ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
  }

  private static List<Descriptor> descriptors(JsonNode root, String field) {
    JsonNode array = root.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(field + " is not an array");
    }
    List<Descriptor> result = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      result.add(descriptor(array.get(i), field + "[" + i + "]"));
    }
    return result;
  }

  private static Descriptor descriptor(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw invalid(where + " is not a descriptor object");
    }
    String mediaType = optionalText(node, "mediaType").orElseThrow(() -> invalid(where + " has no mediaType"));
    String digest = optionalText(node, "digest").orElseThrow(() -> invalid(where + " has no digest"));
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong() || !size.isIntegralNumber()) {
      throw invalid(where + " has no integer size");
    }
    try {
      return new Descriptor(MediaType.parse(mediaType), Digest.parse(digest), size.asLong(),
          platform(node.get("platform"), where), optionalText(node, "artifactType"), annotations(node));
    } catch (InvalidValueException e) {
      throw invalid(where + ": " + e.getMessage());
    }
  }

  private static Optional<Platform> platform(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    String os = optionalText(node, "os").orElseThrow(() -> invalid(where + ".platform has no os"));
    String arch = optionalText(node, "architecture").orElseThrow(() -> invalid(where + ".platform has no architecture"));
    return Optional.of(new Platform(os, arch, optionalText(node, "variant").orElse(null)));
  }

  /**
   * The manifest's own {@code annotations} (not its descriptors'), for the referrers response;
   * empty when there are none. Bytes that are not a JSON object have none.
   */
  public static Map<String, String> annotations(byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      return root != null && root.isObject() ? annotations(root) : Map.of();
    } catch (IOException e) {
      return Map.of();
    }
  }

  private static Map<String, String> annotations(JsonNode node) {
    JsonNode annotations = node.get("annotations");
    if (annotations == null || !annotations.isObject()) {
      return Map.of();
    }
    Map<String, String> result = new LinkedHashMap<>();
    annotations.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
    return result;
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static InvalidValueException invalid(String message) {
    return new InvalidValueException(InvalidValueException.Kind.MANIFEST, message);
  }
}
