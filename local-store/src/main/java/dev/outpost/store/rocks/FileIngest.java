package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.DigestMismatchException;
import dev.outpost.store.StoreException;
import dev.outpost.store.model.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A blob being written to its partial file, hashed as it is written.
 *
 * <p>Write path: the caller's bytes are hashed straight from its array, then copied into one
 * direct staging buffer (allocated once per ingest) that is written to the file whenever it
 * fills. Small writes are thereby batched into 1 MiB file writes; large writes go through in 1 MiB
 * slices with no per-write allocation (a heap buffer handed to a {@link FileChannel} would make
 * the JDK copy it into a temporary direct buffer as large as the write).
 *
 * <p>Durability: only {@link #checkpoint()} makes bytes durable (flush, fsync, offset record).
 * Bytes written after the last checkpoint are dropped when the ingest is resumed.
 *
 * <p>Writing past {@link #expectedSize()} discards the partial content and throws
 * {@link DigestMismatchException}: content larger than announced cannot be the blob asked for.
 * {@link #discard()} after {@link #close()} or {@link #commit()} does nothing.
 */
final class FileIngest implements BlobIngest {
  static final int STAGING_BYTES = 1 << 20;

  private final Digest digest;
  private final long expectedSize;
  private final String source;
  private final Path part;
  private final BlobFiles files;
  private final BlobCatalog catalog;
  private final Runnable release;
  private final FileChannel channel;
  private final MessageDigest hasher;
  private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING_BYTES);
  private long offset;
  private boolean closed;

  private FileIngest(IngestTarget target, FileChannel channel, MessageDigest hasher, long offset) {
    this.digest = target.digest();
    this.expectedSize = target.expectedSize();
    this.source = target.source();
    this.files = target.files();
    this.catalog = target.catalog();
    this.release = target.release();
    this.part = files.partPath(digest);
    this.channel = channel;
    this.hasher = hasher;
    this.offset = offset;
  }

  /**
   * Opens the partial file of {@code target}, resuming from its durable offset when the index has
   * one for the same expected size: the bytes before it are re-hashed, anything after is cut off.
   */
  static FileIngest open(IngestTarget target) {
    Path part = target.files().partPath(target.digest());
    FileChannel channel = null;
    try {
      channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long resumeAt = resumableOffset(target, channel.size());
      MessageDigest hasher = target.digest().newHasher();
      rehash(channel, resumeAt, hasher);
      channel.truncate(resumeAt);
      channel.position(resumeAt);
      return new FileIngest(target, channel, hasher, resumeAt);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("open partial blob " + part + " for " + target.digest() + " failed: " + e, e);
    }
  }

  private static long resumableOffset(IngestTarget target, long fileSize) {
    return target.catalog().progress(target.digest())
        .filter(p -> p.expectedSize() == target.expectedSize())
        .filter(p -> p.durableOffset() <= fileSize && p.durableOffset() <= target.expectedSize())
        .map(IngestRecord::durableOffset)
        .orElse(0L);
  }

  private static void rehash(FileChannel channel, long length, MessageDigest hasher) throws IOException {
    byte[] array = new byte[(int) Math.min(STAGING_BYTES, Math.max(length, 1))];
    ByteBuffer buffer = ByteBuffer.wrap(array);
    long position = 0;
    while (position < length) {
      buffer.clear().limit((int) Math.min(array.length, length - position));
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new IOException("partial file ended at " + position + ", before its durable offset " + length);
      }
      hasher.update(array, 0, read);
      position += read;
    }
  }

  @Override
  public Digest digest() {
    return digest;
  }

  @Override
  public long expectedSize() {
    return expectedSize;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public void write(byte[] buffer, int from, int length) {
    requireOpen("write");
    Objects.checkFromIndexSize(from, length, buffer.length);
    if (length > expectedSize - offset) {
      discard();
      throw new DigestMismatchException(digest, "more than the expected " + expectedSize
          + " bytes were written (" + length + " more at offset " + offset + ")");
    }
    hasher.update(buffer, from, length);
    offset += length;
    int position = from;
    int remaining = length;
    while (remaining > 0) {
      int slice = Math.min(remaining, staging.remaining());
      staging.put(buffer, position, slice);
      position += slice;
      remaining -= slice;
      if (!staging.hasRemaining()) {
        flush();
      }
    }
  }

  @Override
  public void checkpoint() {
    requireOpen("checkpoint");
    flush();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw new StoreException("fsync partial blob " + part + " failed: " + e, e);
    }
    catalog.checkpoint(digest, new IngestRecord(offset, expectedSize, source));
  }

  @Override
  public BlobInfo commit() {
    requireOpen("commit");
    flush();
    if (offset != expectedSize) {
      discard();
      throw new DigestMismatchException(digest, "got " + offset + " bytes, expected " + expectedSize);
    }
    byte[] actual = hasher.digest();
    if (!digest.matches(actual)) {
      discard();
      throw new DigestMismatchException(digest, "the bytes hash to " + digest.algorithm() + ":"
          + HexFormat.of().formatHex(actual));
    }
    try {
      channel.force(true);
      channel.close();
      files.publish(digest, part);
      return catalog.published(digest, expectedSize);
    } catch (IOException e) {
      throw new StoreException("fsync partial blob " + part + " before commit failed: " + e, e);
    } finally {
      finish();
    }
  }

  @Override
  public void discard() {
    if (closed) {
      return;
    }
    try {
      closeQuietly(channel);
      files.deletePart(digest);
      catalog.forgetProgress(digest);
    } finally {
      finish();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closeQuietly(channel);
    finish();
  }

  private void flush() {
    staging.flip();
    try {
      while (staging.hasRemaining()) {
        channel.write(staging);
      }
    } catch (IOException e) {
      throw new StoreException("write partial blob " + part + " failed: " + e, e);
    } finally {
      staging.clear();
    }
  }

  private void finish() {
    closed = true;
    release.run();
  }

  private void requireOpen(String operation) {
    if (closed) {
      throw new IllegalStateException(operation + " on a closed ingest of " + digest);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to save: durable progress was recorded at the last checkpoint.
    }
  }

  @Override
  public String toString() {
    return "FileIngest[" + digest.shortHex() + " " + offset + "/" + expectedSize + "]";
  }
}
