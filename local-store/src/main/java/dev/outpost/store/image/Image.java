package dev.outpost.store.image;

import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built image (or artifact): the manifest exactly as it will be pushed and served, the config
 * blob, and the layer blobs in manifest order. Every digest is derived from these bytes.
 */
public record Image(ManifestContent manifest, byte[] config, List<byte[]> layers) {

  public Image {
    layers = List.copyOf(layers);
  }

  public Digest digest() {
    return manifest.digest();
  }

  /** The descriptor an index or a subject field uses to point at this manifest. */
  public Descriptor descriptor() {
    return manifest.descriptor();
  }

  public Digest configDigest() {
    return Digest.sha256(config);
  }

  /** Config and layers by digest, in manifest order (a blob repeated in the manifest appears once). */
  public Map<Digest, byte[]> blobs() {
    Map<Digest, byte[]> blobs = new LinkedHashMap<>();
    blobs.put(configDigest(), config);
    for (byte[] layer : layers) {
      blobs.putIfAbsent(Digest.sha256(layer), layer);
    }
    return blobs;
  }
}
