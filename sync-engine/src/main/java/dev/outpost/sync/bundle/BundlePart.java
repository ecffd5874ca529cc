package dev.outpost.sync.bundle;

import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One part of a bundle on disk (an OCI image layout as a directory or an uncompressed tar), opened:
 * its {@link BundleManifest} was read and checked, and its blobs ({@code blobs/sha256/<hex>}) can be
 * read from any offset. Readers ignore every other file (index.json is for other tools).
 * Thread-safe: each {@link #open} is a channel of its own.
 */
interface BundlePart extends AutoCloseable {
  /** Where the part is, for messages. */
  Path path();

  BundleManifest manifest();

  /** The size of the file the part holds for {@code digest}, or empty when it holds none. */
  OptionalLong size(Digest digest);

  /**
   * A channel over the bytes of {@code digest}'s file, positioned at {@code from} and ending where the
   * file ends. Only for a digest whose {@link #size} is present.
   */
  SeekableByteChannel open(Digest digest, long from) throws IOException;

  @Override
  void close();

  /** The path of a blob inside the layout, the same in a directory and in a tar. */
  static String blobName(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }
}
