package dev.outpost.agent.samples;

import dev.outpost.store.LocalStore;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.IndexBuilder;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A small, deterministic set of images covering the manifest kinds a site meets: an OCI image, a
 * Docker schema 2 image, a multi-arch OCI index, and an image with a larger random payload. Used by
 * the quickstart to seed a parent without any network.
 */
public final class SampleImages {
  /** The repositories and tags {@link #seed} writes. */
  public static final List<String> REFERENCES =
      List.of("samples/hello:1.0", "samples/hello:latest", "samples/legacy:1.0", "samples/multiarch:1.0", "samples/payload:1.0");

  private SampleImages() {}

  public static void seed(LocalStore store, int payloadMb) {
    ImageImporter importer = new ImageImporter(store);
    var hello = ImageBuilder.oci().platform(Platform.parse("linux/amd64"))
        .layerFile("hello.txt", "Hello from Outpost\n".getBytes(StandardCharsets.UTF_8)).build();
    importer.importImage(repo("samples/hello"), Tag.of("1.0"), hello);
    importer.importImage(repo("samples/hello"), Tag.of("latest"), hello);
    importer.importImage(repo("samples/legacy"), Tag.of("1.0"), ImageBuilder.docker()
        .platform(Platform.parse("linux/amd64")).layerFile("legacy.txt", "schema 2\n".getBytes(StandardCharsets.UTF_8)).build());
    var amd64 = ImageBuilder.oci().platform(Platform.parse("linux/amd64")).randomLayer(1, 256 * 1024).build();
    var arm64 = ImageBuilder.oci().platform(Platform.parse("linux/arm64")).randomLayer(2, 256 * 1024).build();
    importer.importIndex(repo("samples/multiarch"), Tag.of("1.0"), IndexBuilder.oci()
        .add(amd64, Platform.parse("linux/amd64")).add(arm64, Platform.parse("linux/arm64")).build());
    importer.importImage(repo("samples/payload"), Tag.of("1.0"), ImageBuilder.oci()
        .platform(Platform.parse("linux/amd64")).randomLayer(3, payloadMb * 1024 * 1024).build());
  }

  private static RepositoryName repo(String name) {
    return RepositoryName.of(name);
  }
}
