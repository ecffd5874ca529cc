package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.BlobIngest;
import dev.outpost.store.StoreException;
import dev.outpost.store.model.ContentVerifier;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.DigestMismatchException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A blob being written to its partial file, hashed and counted as it is written (a
 * {@link ContentVerifier}, whose count is the ingest's offset).
 *
 * <p>Write path: the caller's bytes are hashed straight from its array, then handed to a
 * {@link WriteBehindFile}, which batches small writes into 1 MiB file writes, passes large ones
 * through in 1 MiB slices, and overlaps the file write with the hashing of the next bytes. There
 * is no allocation per write.
 *
 * <p>Durability: only {@link #checkpoint()} records progress (bytes handed to the OS, offset
 * recorded, fsync started behind); {@link #commit()} fsyncs everything before publishing. Bytes
 * written after the last checkpoint are dropped when the ingest is resumed.
 *
 * <p>Writing past {@link #expectedSize()} discards the partial content and throws
 * {@link DigestMismatchException}: content larger than announced cannot be the blob asked for.
 * {@link #discard()} after {@link #close()} or {@link #commit()} does nothing.
 */
final class FileIngest implements BlobIngest {
  private static final int REHASH_BUFFER_BYTES = 1 << 20;

  private final IngestTarget target;
  private final Path part;
  private final WriteBehindFile file;
  private final ContentVerifier verifier;
  private boolean closed;

  private FileIngest(IngestTarget target, Path part, FileChannel channel, ContentVerifier verifier) {
    this.target = target;
    this.part = part;
    this.file = new WriteBehindFile(channel, part, target.writers(), target.buffers());
    this.verifier = verifier;
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
      target.space().admit(target.digest(), target.expectedSize() - resumeAt);
      ContentVerifier verifier = ContentVerifier.of(target.digest(), target.expectedSize());
      rehash(channel, resumeAt, verifier);
      channel.truncate(resumeAt);
      channel.position(resumeAt);
      return new FileIngest(target, part, channel, verifier);
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

  private static void rehash(FileChannel channel, long length, ContentVerifier verifier) throws IOException {
    byte[] array = new byte[(int) Math.min(REHASH_BUFFER_BYTES, Math.max(length, 1))];
    ByteBuffer buffer = ByteBuffer.wrap(array);
    long position = 0;
    while (position < length) {
      buffer.clear().limit((int) Math.min(array.length, length - position));
      int read = channel.read(buffer, position);
      if (read < 0) {
        throw new IOException("partial file ended at " + position + ", before its durable offset " + length);
      }
      verifier.update(array, 0, read);
      position += read;
    }
  }

  @Override
  public Digest digest() {
    return target.digest();
  }

  @Override
  public long expectedSize() {
    return target.expectedSize();
  }

  @Override
  public long offset() {
    return verifier.count();
  }

  @Override
  public void write(byte[] buffer, int from, int length) {
    requireOpen("write");
    Objects.checkFromIndexSize(from, length, buffer.length);
    if (length > verifier.remaining()) {
      discard();
      throw new DigestMismatchException(target.digest(), "more than the expected " + target.expectedSize()
          + " bytes were written (" + length + " more at offset " + verifier.count() + ")");
    }
    verifier.update(buffer, from, length);
    spaceAware("write blob " + target.digest(), () -> file.append(buffer, from, length));
  }

  /**
   * Runs a step that writes, turning a failure for lack of space into
   * {@link dev.outpost.store.StoreFullException} (recorded by the store's space guard, so status
   * says why). The ingest is left for the caller to close: its last checkpoint stays durable and
   * the bytes after it are cut off when it resumes, so nothing half-written ever becomes visible.
   */
  private void spaceAware(String operation, Runnable step) {
    try {
      step.run();
    } catch (dev.outpost.store.StoreFullException e) {
      throw target.space().writeFailed(operation, e);
    } catch (StoreException e) {
      if (NoSpace.causedBy(e)) {
        throw target.space().writeFailed(operation, e);
      }
      throw e;
    }
  }

  @Override
  public void checkpoint() {
    requireOpen("checkpoint");
    // The bytes reach the OS before the offset is recorded, so a killed process (kill -9) keeps
    // both and loses nothing. The fsync runs behind, overlapping the next chunk's download, so the
    // link does not sit idle while a chunk reaches a disk slower than it. A power loss in that
    // window can leave an offset claiming bytes that never reached the disk; the resumed hash then
    // fails at commit, the partial is discarded and the blob fetched again: slower, never corrupt.
    spaceAware("checkpoint blob " + target.digest(), () -> {
      file.drain();
      target.catalog().checkpoint(target.digest(), new IngestRecord(verifier.count(), target.expectedSize(), target.source()));
      file.forceBehind();
    });
    // Something else may have filled the disk since this ingest was admitted: stop at this
    // checkpoint (durable) rather than write into the reserve the index needs.
    target.space().checkAfterCheckpoint(target.digest());
  }

  @Override
  public BlobInfo commit() {
    requireOpen("commit");
    file.drain();
    try {
      verifier.verify();
    } catch (DigestMismatchException e) {
      discard();
      throw e;
    }
    try {
      BlobInfo[] published = new BlobInfo[1];
      spaceAware("commit blob " + target.digest(), () -> {
        forceAndClose();
        target.files().publish(target.digest(), part);
        published[0] = target.catalog().published(target.digest(), target.expectedSize());
      });
      return published[0];
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
      file.close();
      target.files().deletePart(target.digest());
      target.catalog().forgetProgress(target.digest());
    } finally {
      finish();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    file.close();
    finish();
  }

  /** Every byte on disk, the file closed before it is renamed; closed even when the fsync fails. */
  private void forceAndClose() {
    try {
      file.force(true);
    } finally {
      file.close();
    }
  }

  private void finish() {
    closed = true;
    target.release().run();
  }

  private void requireOpen(String operation) {
    if (closed) {
      throw new IllegalStateException(operation + " on a closed ingest of " + target.digest());
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
    return "FileIngest[" + target.digest().shortHex() + " " + verifier.count() + "/" + target.expectedSize() + "]";
  }
}
