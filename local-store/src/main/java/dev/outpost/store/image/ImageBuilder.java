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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Builds an OCI image manifest or a Docker schema 2 manifest with real tar layers and a config
 * whose {@code rootfs.diff_ids} are the sha256 of each uncompressed tar. Output is a pure function
 * of the inputs: the same calls give byte-identical manifests. OCI layers are uncompressed tars
 * (so random content stays incompressible); Docker schema 2 layers are always gzipped, because that
 * is the only layer type its spec defines. What it offers is what {@code outpost samples} and the
 * test fixtures need; artifacts with a subject are built by the fixtures' {@code ArtifactBuilder}.
 */
public final class ImageBuilder {
  private final boolean docker;
  private final List<byte[]> tars = new ArrayList<>();
  private Platform platform = new Platform("linux", "amd64", null);
  private Instant created;

  private ImageBuilder(boolean docker) {
    this.docker = docker;
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

  /** Sets the config's {@code created} time (left out unless set, as in reproducible builds). */
  public ImageBuilder created(Instant value) {
    this.created = value;
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

  public Image build() {
    List<byte[]> layers = new ArrayList<>(tars.size());
    for (byte[] tar : tars) {
      layers.add(docker ? gzip(tar) : tar);
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
    byte[] bytes = ManifestJson.bytes(manifest);
    return new Image(ManifestContent.of(bytes, manifestType()), config, layers);
  }

  private ObjectNode config() {
    ObjectNode config = ManifestJson.object();
    if (created != null) {
      config.put("created", created.toString());
    }
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
    return docker ? MediaType.DOCKER_LAYER : MediaType.OCI_LAYER_TAR;
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
