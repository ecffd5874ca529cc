package dev.outpost.sync.testing;

import dev.outpost.store.image.Image;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes images straight into docker-registry's filesystem storage ({@code storage.filesystem}),
 * in the layout the registry itself writes on a push (checked against a skopeo push into
 * docker-registry 2.8): blobs, manifests among them, under {@code blobs/sha256/<2 hex>/<hex>/data};
 * per repository, {@code link} files ({@code sha256:<hex>}) under {@code _layers}, the manifest's
 * {@code _manifests/revisions} and the tag's {@code current} and {@code index}. Hundreds of tags
 * this way take a moment, where pushing them over HTTP takes about a minute on a busy machine.
 * Write before the registry starts: it caches nothing, but a half-written tag must not be seen.
 */
public final class RegistryStorage {
  private final Path v2;

  /** The storage under {@code rootdirectory} (DockerRegistryProcess: {@code <workDir>/data}). */
  public RegistryStorage(Path rootdirectory) {
    this.v2 = rootdirectory.resolve("docker/registry/v2");
  }

  /** {@code image} in {@code repo} under {@code tag}, as a push would leave it. */
  public void put(String repo, String tag, Image image) {
    Path repository = v2.resolve("repositories").resolve(repo);
    for (Map.Entry<Digest, byte[]> blob : image.blobs().entrySet()) {
      blob(blob.getKey(), blob.getValue());
      link(repository.resolve("_layers/sha256").resolve(blob.getKey().hex()), blob.getKey());
    }
    Digest manifest = image.digest();
    blob(manifest, image.manifest().bytes());
    Path manifests = repository.resolve("_manifests");
    link(manifests.resolve("revisions/sha256").resolve(manifest.hex()), manifest);
    link(manifests.resolve("tags").resolve(tag).resolve("index/sha256").resolve(manifest.hex()), manifest);
    link(manifests.resolve("tags").resolve(tag).resolve("current"), manifest);
  }

  private void blob(Digest digest, byte[] bytes) {
    write(v2.resolve("blobs/sha256").resolve(digest.hex().substring(0, 2)).resolve(digest.hex()).resolve("data"), bytes);
  }

  private static void link(Path dir, Digest digest) {
    write(dir.resolve("link"), digest.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + file, e);
    }
  }
}
