package dev.outpost.store.rocks;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock RocksDB takes on {@code index/LOCK} (a POSIX record lock, as the JDK's file locks are on
 * Linux), held by this process while the index is open read-only, since RocksDB's read-only mode
 * takes none. Another process's read-write open then fails as if RocksDB held it. Closed before
 * the index is reopened read-write, which takes RocksDB's own lock again.
 */
final class ReadOnlyLock implements AutoCloseable {
  private final FileChannel channel;

  private ReadOnlyLock(FileChannel channel) {
    this.channel = channel;
  }

  /** Empty when another process holds the lock. The file exists already (RocksDB made it). */
  static Optional<ReadOnlyLock> acquire(Path lockFile) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new ReadOnlyLock(channel));
    } catch (IOException | OverlappingFileLockException e) {
      closeQuietly(channel);
      return Optional.empty();
    }
  }

  /** Closing the channel releases the lock. */
  @Override
  public void close() {
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // The lock goes with the descriptor either way.
    }
  }
}
