package dev.outpost.sync.bundle;

import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An OCI image layout written as a directory. A blob is written to {@code <hex>.partial} beside its
 * final place, fsynced and renamed once verified, so a file at {@code blobs/<alg>/<hex>} is always
 * complete and verified. A partial an interrupted writer left is re-hashed and continued from its
 * end; if the whole then does not verify, it is written once more from the start.
 */
public final class DirectoryLayout implements LayoutWriter {
  private final Path root;
  private final BlobCopy copy;

  private DirectoryLayout(Path root, BlobCopy copy) {
    this.root = root;
    this.copy = copy;
  }

  public static DirectoryLayout open(Path root, BlobCopy copy) throws IOException {
    Files.createDirectories(root.resolve("blobs"));
    return new DirectoryLayout(root, copy);
  }

  @Override
  public Path path() {
    return root;
  }

  public Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
  }

  @Override
  public boolean holds(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  @Override
  public long writeBlob(Digest digest, long size, BlobOpener opener) throws IOException {
    Path target = blobPath(digest);
    if (Files.isRegularFile(target)) {
      return 0;
    }
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(digest.hex() + ".partial");
    long kept = Files.isRegularFile(partial) ? Files.size(partial) : 0;
    if (kept > size) {
      Files.delete(partial);
      kept = 0;
    }
    try {
      append(partial, digest, size, opener, kept);
    } catch (BundleWriteException mismatch) {
      Files.deleteIfExists(partial);
      if (kept == 0) {
        throw mismatch;
      }
      // The kept bytes were not a prefix of this blob (a different writer's, a torn write): start over once.
      kept = 0;
      append(partial, digest, size, opener, 0);
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return size - kept;
  }

  private void append(Path partial, Digest digest, long size, BlobOpener opener, long kept) throws IOException {
    ContentVerifier verifier = ContentVerifier.of(digest, size);
    if (kept > 0) {
      rehash(partial, kept, verifier);
    }
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(kept).position(kept);
      OutputStream out = Channels.newOutputStream(channel);
      try {
        copy.copy(opener, verifier, size, out);
      } catch (BundleWriteException e) {
        channel.truncate(0);
        throw e;
      }
      channel.force(true);
    }
  }

  private static void rehash(Path partial, long length, ContentVerifier verifier) throws IOException {
    byte[] buffer = new byte[BlobCopy.BUFFER_SIZE];
    try (InputStream in = Files.newInputStream(partial)) {
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new IOException(partial + " is shorter than it was a moment ago");
        }
        verifier.update(buffer, 0, n);
        left -= n;
      }
    }
  }

  @Override
  public boolean hasFile(String name) {
    return Files.isRegularFile(root.resolve(name));
  }

  @Override
  public void writeFile(String name, byte[] bytes) throws IOException {
    Path target = root.resolve(name);
    Path temp = root.resolve(name + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void finish() {
    // Every blob and file was fsynced and renamed into place as it was written.
  }

  @Override
  public void close() {
    // Nothing held open between writes.
  }
}
