package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.LocalStore;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.image.RandomContent;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Builds blobs and manifests for store tests. */
final class TestContent {
  private TestContent() {}

  static byte[] randomBytes(long seed, int size) {
    return RandomContent.bytes(seed, size);
  }

  static BlobInfo ingest(LocalStore store, byte[] content) {
    return new ImageImporter(store).blob(content);
  }

  static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  static ManifestContent imageManifest(BlobInfo config, List<BlobInfo> layers) {
    String layerJson = layers.stream()
        .map(l -> descriptor(MediaType.OCI_LAYER_TAR_GZIP.value(), l.digest(), l.size()))
        .collect(Collectors.joining(","));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":"
        + descriptor(MediaType.OCI_CONFIG.value(), config.digest(), config.size())
        + ",\"layers\":[" + layerJson + "]}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  /** An artifact manifest (a signature, say) whose subject is {@code subject}. */
  static ManifestContent referrer(BlobInfo config, ManifestContent subject) {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\","
        + "\"artifactType\":\"application/vnd.example.sig\",\"config\":"
        + descriptor(MediaType.OCI_EMPTY.value(), config.digest(), config.size())
        + ",\"layers\":[],\"subject\":" + descriptor(subject.contentType().value(), subject.digest(), subject.size()) + "}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_MANIFEST);
  }

  static ManifestContent index(List<ManifestContent> children) {
    String entries = children.stream()
        .map(c -> descriptor(c.contentType().value(), c.digest(), c.size()))
        .collect(Collectors.joining(","));
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX.value() + "\",\"manifests\":["
        + entries + "]}";
    return ManifestContent.of(json.getBytes(StandardCharsets.UTF_8), MediaType.OCI_INDEX);
  }
}
