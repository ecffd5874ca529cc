package dev.outpost.store.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import dev.outpost.store.model.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds an OCI image manifest or a Docker schema 2 manifest with real tar layers and a config
 * whose {@code rootfs.diff_ids} are the sha256 of each uncompressed tar. Output is a pure function
 * of the inputs: the same calls give byte-identical manifests. OCI layers are uncompressed tars by
 * default (so random content stays incompressible); Docker schema 2 layers are always gzipped,
 * because that is the only layer type its spec defines.
 */
public final class ImageBuilder {
  private final boolean docker;
  private final List<byte[]> tars = new ArrayList<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private Platform platform = new Platform("linux", "amd64", null);
  private boolean gzip;
  private Descriptor subject;

  private ImageBuilder(boolean docker) {
    this.docker = docker;
    this.gzip = docker;
  }

  /** An OCI image manifest ({@code application/vnd.oci.image.manifest.v1+json}). */
  public static ImageBuilder oci() {
    return new ImageBuilder(false);
  }

  /** A Docker schema 2 manifest with Docker media types throughout. */
  public static ImageBuilder docker() {
    return new ImageBuilder(true);
  }

  public ImageBuilder platform(Platform value) {
    this.platform = value;
    return this;
  }

  /** OCI only: gzip the layers ({@code tar+gzip}) instead of storing plain tars. */
  public ImageBuilder gzipLayers() {
    this.gzip = true;
    return this;
  }

  /** Adds a layer: a tar archive holding one file {@code name} with {@code content}. */
  public ImageBuilder layerFile(String name, byte[] content) {
    tars.add(TarArchive.singleFile(name, content));
    return this;
  }

  /** Adds a layer holding one file of {@code size} seeded random bytes. */
  public ImageBuilder randomLayer(long seed, int size) {
    return layerFile("random-" + Long.toHexString(seed) + ".bin", RandomContent.bytes(seed, size));
  }

  public ImageBuilder annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  /** OCI only: the manifest this image refers to (an OCI 1.1 {@code subject}). */
  public ImageBuilder subject(Descriptor value) {
    if (docker) {
      throw new IllegalStateException("Docker schema 2 manifests have no subject field");
    }
    this.subject = value;
    return this;
  }

  public Image build() {
    List<byte[]> layers = new ArrayList<>(tars.size());
    for (byte[] tar : tars) {
      layers.add(gzip ? gzip(tar) : tar);
    }
    byte[] config = ManifestJson.bytes(config());
    ObjectNode manifest = ManifestJson.object();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", manifestType().value());
    manifest.set("config", ManifestJson.descriptor(Descriptor.of(configType(), Digest.sha256(config), config.length)));
    ArrayNode layerArray = manifest.putArray("layers");
    for (byte[] layer : layers) {
      layerArray.add(ManifestJson.descriptor(Descriptor.of(layerType(), Digest.sha256(layer), layer.length)));
    }
    if (subject != null) {
      manifest.set("subject", ManifestJson.descriptor(subject));
    }
    ManifestJson.putAnnotations(manifest, annotations);
    byte[] bytes = ManifestJson.bytes(manifest);
    return new Image(ManifestContent.verified(bytes, manifestType(), null), config, layers);
  }

  private ObjectNode config() {
    ObjectNode config = ManifestJson.object();
    config.put("architecture", platform.architecture());
    config.put("os", platform.os());
    if (platform.variant() != null) {
      config.put("variant", platform.variant());
    }
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    for (byte[] tar : tars) {
      diffIds.add(Digest.sha256(tar).toString());
    }
    return config;
  }

  private MediaType manifestType() {
    return docker ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
  }

  private MediaType configType() {
    return docker ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG;
  }

  private MediaType layerType() {
    if (docker) {
      return MediaType.DOCKER_LAYER;
    }
    return gzip ? MediaType.OCI_LAYER_TAR_GZIP : MediaType.OCI_LAYER_TAR;
  }

  /** Java's GZIPOutputStream writes a fixed header (no name, mtime 0), so the output is deterministic. */
  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 100 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
