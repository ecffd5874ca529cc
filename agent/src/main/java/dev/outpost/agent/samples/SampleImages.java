package dev.outpost.agent.samples;

import dev.outpost.store.LocalStore;
import dev.outpost.store.image.Image;
import dev.outpost.store.image.ImageBuilder;
import dev.outpost.store.image.ImageImporter;
import dev.outpost.store.image.Index;
import dev.outpost.store.image.IndexBuilder;
import dev.outpost.store.model.Platform;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small, deterministic set of images covering the manifest kinds a site meets: an OCI image, a
 * Docker schema 2 image, a multi-arch OCI index, and an image with a larger random payload. Used by
 * the quickstart to seed a parent without any network.
 */
public final class SampleImages {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64");

  private final ImageImporter importer;
  private final List<String> references = new ArrayList<>();

  private SampleImages(LocalStore store) {
    this.importer = new ImageImporter(store);
  }

  /** Writes the samples into {@code store}; returns each {@code repository:tag} written, in order. */
  public static List<String> seed(LocalStore store, int payloadMb) {
    SampleImages samples = new SampleImages(store);
    samples.image("samples/hello", ImageBuilder.oci().platform(AMD64)
        .layerFile("hello.txt", "Hello from Outpost\n".getBytes(StandardCharsets.UTF_8)).build(), "1.0", "latest");
    samples.image("samples/legacy", ImageBuilder.docker().platform(AMD64)
        .layerFile("legacy.txt", "schema 2\n".getBytes(StandardCharsets.UTF_8)).build(), "1.0");
    Image amd64 = ImageBuilder.oci().platform(AMD64).randomLayer(1, 256 * 1024).build();
    Image arm64 = ImageBuilder.oci().platform(ARM64).randomLayer(2, 256 * 1024).build();
    samples.index("samples/multiarch", IndexBuilder.oci().add(amd64, AMD64).add(arm64, ARM64).build(), "1.0");
    samples.image("samples/payload", ImageBuilder.oci().platform(AMD64)
        .randomLayer(3, payloadMb * 1024 * 1024).build(), "1.0");
    return List.copyOf(samples.references);
  }

  private void image(String repository, Image image, String... tags) {
    importer.importImage(RepositoryName.of(repository), image, tags(repository, tags));
  }

  private void index(String repository, Index index, String... tags) {
    importer.importIndex(RepositoryName.of(repository), index, tags(repository, tags));
  }

  /** The tags to write, remembered as {@code repository:tag}. */
  private Tag[] tags(String repository, String... tags) {
    Arrays.stream(tags).forEach(tag -> references.add(repository + ":" + tag));
    return Arrays.stream(tags).map(Tag::of).toArray(Tag[]::new);
  }
}
