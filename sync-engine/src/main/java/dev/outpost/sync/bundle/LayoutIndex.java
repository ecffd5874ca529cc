package dev.outpost.sync.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.image.ManifestJson;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The two small files that make a folder of blobs an OCI image layout: {@code oci-layout} and
 * {@code index.json}, an image index naming the images a client can ask for ({@code skopeo copy
 * oci:DIR:NAME}, {@code umoci ... --image DIR:NAME}).
 */
public final class LayoutIndex {
  /** The name skopeo, umoci and podman look up ({@code oci:DIR:NAME}). */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** The name containerd's {@code ctr import} gives the image. */
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  private LayoutIndex() {}

  /** One image of the index: the top manifest (media type, digest, size) and its names. */
  public record Entry(Descriptor manifest, Map<String, String> annotations) {
    public Entry {
      annotations = Map.copyOf(annotations);
    }

    /** A bundle's entry: {@code <repo>:<tag>} under both names. */
    public static Entry bundled(Descriptor manifest, String repoAndTag) {
      Map<String, String> names = new LinkedHashMap<>();
      names.put(CONTAINERD_NAME, repoAndTag);
      names.put(REF_NAME, repoAndTag);
      return new Entry(manifest, names);
    }

    /** {@code outpost pull --output}'s entry: the tag alone, as {@code oci:DIR:TAG} asks. */
    public static Entry named(Descriptor manifest, String refName) {
      return new Entry(manifest, Map.of(REF_NAME, refName));
    }
  }

  public static byte[] ociLayout() {
    return "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] indexJson(List<Entry> entries) {
    ObjectNode index = ManifestJson.object().put("schemaVersion", 2).put("mediaType", MediaType.OCI_INDEX.value());
    ArrayNode manifests = index.putArray("manifests");
    for (Entry e : entries) {
      Descriptor m = e.manifest();
      // A descriptor's media type has no parameters; the Content-Type a manifest came with may.
      ObjectNode d = ManifestJson.descriptor(Descriptor.of(MediaType.parse(m.mediaType().essence()), m.digest(), m.size()));
      // Sorted, so the same entries always give the same bytes (Map.copyOf's order varies between runs).
      ManifestJson.putAnnotations(d, new TreeMap<>(e.annotations()));
      manifests.add(d);
    }
    return ManifestJson.bytes(index);
  }
}
