package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/** A bundle part written as a directory: the OCI layout's files as they are. */
final class DirectoryPart implements BundlePart {
  private final Path root;
  private final BundleManifest manifest;

  private DirectoryPart(Path root, BundleManifest manifest) {
    this.root = root;
    this.manifest = manifest;
  }

  /** Opens the part in {@code root}; refuses one without {@value BundleManifest#FILE_NAME} (create did not finish). */
  static DirectoryPart open(Path root) throws IOException {
    Path file = root.resolve(BundleManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new InvalidBundleException(root + " is not a complete bundle part: it has no " + BundleManifest.FILE_NAME
          + " (written last: 'bundle create' did not finish)");
    }
    if (Files.size(file) > BundleJson.MAX_BYTES) {
      throw new InvalidBundleException(file + ": larger than " + BundleJson.MAX_BYTES + " bytes");
    }
    return new DirectoryPart(root, BundleJson.readManifest(Files.readAllBytes(file), file.toString()));
  }

  @Override
  public Path path() {
    return root;
  }

  @Override
  public BundleManifest manifest() {
    return manifest;
  }

  @Override
  public OptionalLong size(Digest digest) {
    try {
      return OptionalLong.of(Files.size(root.resolve(BundlePart.blobName(digest))));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      // Unreadable is as good as absent for the question "does this part hold it"; open() says why.
      return OptionalLong.empty();
    }
  }

  @Override
  public SeekableByteChannel open(Digest digest, long from) throws IOException {
    FileChannel channel = FileChannel.open(root.resolve(BundlePart.blobName(digest)), StandardOpenOption.READ);
    try {
      return channel.position(from);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void close() {
    // Nothing held open between reads.
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
