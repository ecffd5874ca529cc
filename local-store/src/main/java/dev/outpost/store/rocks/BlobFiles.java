package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where blob files live and how they get there. Verified blobs are
 * {@code <data>/blobs/<algorithm>/<first two hex>/<hex>}, read-only; partial downloads are
 * {@code <data>/ingest/<algorithm>-<hex>.part}. Both trees are on the same filesystem so that
 * publishing is an atomic rename.
 */
final class BlobFiles {
  private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");

  private final Path blobs;
  private final Path ingest;

  BlobFiles(Path dataDirectory) {
    this.blobs = dataDirectory.resolve("blobs");
    this.ingest = dataDirectory.resolve("ingest");
  }

  void createDirectories() {
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(ingest);
    } catch (IOException e) {
      throw new StoreException("create store directories " + blobs + ", " + ingest + " failed: " + e, e);
    }
  }

  Path blobPath(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
  }

  Path partPath(Digest digest) {
    return ingest.resolve(digest.algorithm() + "-" + digest.hex() + ".part");
  }

  /**
   * Moves a verified, fsynced partial file into its blob path atomically, then makes it read-only
   * and fsyncs the directories so the rename itself is durable. Overwrites a file left there by a crash
   * between this rename and the index update: it has the same verified content.
   */
  Path publish(Digest digest, Path part) {
    Path target = blobPath(digest);
    try {
      Path shard = target.getParent();
      boolean newShard = !Files.isDirectory(shard);
      Files.createDirectories(shard);
      if (newShard) {
        // The shard (and perhaps the algorithm directory above it) is new: make their entries durable.
        fsyncDirectory(shard.getParent());
        fsyncDirectory(shard.getParent().getParent());
      }
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      // Only after the move: a partial file left read-only by a failed move could not be resumed.
      // No reader sees the file while it is still writable: a blob is served only once its index
      // record exists, which is written after this returns.
      makeReadOnly(target);
      fsyncDirectory(shard);
      fsyncDirectory(ingest);
      return target;
    } catch (IOException e) {
      throw new StoreException("publish blob " + digest + " to " + target + " failed: " + e, e);
    }
  }

  void deletePart(Digest digest) {
    try {
      Files.deleteIfExists(partPath(digest));
    } catch (IOException e) {
      throw new StoreException("delete partial blob " + partPath(digest) + " failed: " + e, e);
    }
  }

  /**
   * Unlinks a blob file. A reader that opened (or mapped) it keeps its bytes until it closes: on
   * POSIX filesystems unlink removes the name, not the open file. Absent is not an error.
   */
  void deleteBlob(Digest digest) {
    Path file = blobPath(digest);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StoreException("delete blob file " + file + " failed: " + e, e);
    }
  }

  /** Calls {@code action} with each partial file, streaming the directory (bounded memory). */
  void forEachPart(java.util.function.BiConsumer<Digest, Path> action) {
    try (java.nio.file.DirectoryStream<Path> parts = Files.newDirectoryStream(ingest, "*.part")) {
      for (Path part : parts) {
        digestOfPart(part).ifPresent(digest -> action.accept(digest, part));
      }
    } catch (IOException e) {
      throw new StoreException("list partial blobs in " + ingest + " failed: " + e, e);
    }
  }

  /** The digest a partial file is named after ({@code sha256-<hex>.part}); empty for a stray file. */
  static java.util.Optional<Digest> digestOfPart(Path part) {
    String name = part.getFileName().toString();
    int dash = name.indexOf('-');
    if (dash < 0 || !name.endsWith(".part")) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(Digest.parse(name.substring(0, dash) + ":" + name.substring(dash + 1, name.length() - 5)));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static void makeReadOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, READ_ONLY);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX filesystem: the file stays writable, nothing else changes.
    }
  }

  /** Makes directory entries (creations, renames) durable; a no-op where directories cannot be opened. */
  static void fsyncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (FileSystemException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open a directory; rename durability is then the OS's.
    }
  }
}
