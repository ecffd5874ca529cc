package dev.outpost.store.manifest;

import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Access to the golden manifests and blobs under {@code src/test/resources/golden}. */
final class GoldenManifests {
  private GoldenManifests() {}

  static Path directory() {
    try {
      return Path.of(GoldenManifests.class.getResource("/golden/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(String file) {
    return read(directory().resolve(file));
  }

  static Path blobFile(Digest digest) {
    return directory().resolve("blobs").resolve(digest.algorithm() + "-" + digest.hex());
  }

  static List<Path> blobFiles() {
    try (Stream<Path> files = Files.list(directory().resolve("blobs"))) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
