package dev.outpost.store.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an OCI 1.1 artifact: an image manifest with {@code artifactType}, the empty config
 * ({@code {}}, {@code application/vnd.oci.empty.v1+json}) and a {@code subject}, as signatures and
 * SBOMs are pushed today. With no blobs, the single layer is the empty descriptor, as the spec asks.
 */
public final class ArtifactBuilder {
  /** The media type conventionally used for a signature artifact in fixtures and samples. */
  public static final String SIGNATURE_TYPE = "application/vnd.outpost.signature.v1+json";

  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

  private final String artifactType;
  private final Descriptor subject;
  private final List<MediaType> blobTypes = new ArrayList<>();
  private final List<byte[]> blobs = new ArrayList<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();

  private ArtifactBuilder(String artifactType, Descriptor subject) {
    this.artifactType = artifactType;
    this.subject = subject;
  }

  public static ArtifactBuilder of(String artifactType, Descriptor subject) {
    return new ArtifactBuilder(artifactType, subject);
  }

  /** A signature-like artifact over {@code subject}, carrying {@code payload} as its one blob. */
  public static ArtifactBuilder signature(Descriptor subject, byte[] payload) {
    return of(SIGNATURE_TYPE, subject).blob(new MediaType(SIGNATURE_TYPE), payload);
  }

  public ArtifactBuilder blob(MediaType mediaType, byte[] content) {
    blobTypes.add(mediaType);
    blobs.add(content.clone());
    return this;
  }

  public ArtifactBuilder annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  public Image build() {
    Descriptor empty = Descriptor.of(MediaType.OCI_EMPTY, Digest.sha256(EMPTY_JSON), EMPTY_JSON.length);
    List<byte[]> layers = blobs.isEmpty() ? List.of(EMPTY_JSON) : blobs;
    ObjectNode manifest = ManifestJson.object();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaType.OCI_MANIFEST.value());
    manifest.put("artifactType", artifactType);
    manifest.set("config", ManifestJson.descriptor(empty));
    ArrayNode layerArray = manifest.putArray("layers");
    if (blobs.isEmpty()) {
      layerArray.add(ManifestJson.descriptor(empty));
    }
    for (int i = 0; i < blobs.size(); i++) {
      byte[] blob = blobs.get(i);
      layerArray.add(ManifestJson.descriptor(Descriptor.of(blobTypes.get(i), Digest.sha256(blob), blob.length)));
    }
    manifest.set("subject", ManifestJson.descriptor(subject));
    ManifestJson.putAnnotations(manifest, annotations);
    byte[] bytes = ManifestJson.bytes(manifest);
    return new Image(ManifestContent.verified(bytes, MediaType.OCI_MANIFEST, null), EMPTY_JSON.clone(), layers);
  }
}
