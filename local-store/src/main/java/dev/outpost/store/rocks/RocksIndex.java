package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.StoreLockedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB index: owns the database, its options and column family handles, creates them in
 * one place and closes them in reverse order. Every {@link RocksDBException} leaves this class
 * wrapped in a {@link StoreException} naming the operation. Thread-safe (RocksDB is); a call after
 * {@link #close()} fails with a {@link StoreException} instead of touching freed native memory.
 *
 * <p>Writes are synced to the write-ahead log ({@code sync=true}) so a committed blob, manifest or
 * tag survives power loss, except {@link #putUnsynced} for ingest checkpoints, where losing the
 * record only costs re-fetching one more chunk.
 */
final class RocksIndex implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RocksIndex.class);

  static {
    RocksDB.loadLibrary();
  }

  /** Entries read per page by {@link #forEach}: enough to amortize the seek, small enough to bound memory. */
  static final int PAGE_ENTRIES = 1024;

  /**
   * The most write-ahead log kept before the memtables holding its oldest part are flushed. The
   * memtables are flushed neither at close nor at open (see {@link #open(Path, IndexBallast)}), so
   * this is what every open replays: without it, up to a memtable per column family (64 MiB
   * each), and at 1,000,000 tags 143 MB and a second per open. 32 MiB replays in a tenth of that.
   */
  static final long MAX_WAL_BYTES = 32L << 20;

  /** Below this much free space a read-write reopen is not even tried (it would fail writing its MANIFEST). */
  static final long MIN_FREE_TO_REOPEN = 1L << 20;

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final List<ColumnFamilyDescriptor> descriptors;
  private final WriteOptions syncWrites;
  private final WriteOptions unsyncedWrites;
  private final IndexBallast ballast;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  // Replaced only under the lifecycle write lock (close, reopen after a write failed for lack of space).
  private OpenDb open;
  private boolean closed;
  /** A write failed for lack of space: RocksDB refuses every later write until it is reopened. */
  private volatile boolean needsReopen;

  /** One opened database: its column family handles in {@link Family} order, and how it was opened. */
  private record OpenDb(RocksDB db, List<ColumnFamilyHandle> handles, Map<Family, ColumnFamilyHandle> byFamily,
      boolean readOnly, Optional<ReadOnlyLock> lock) {
    static OpenDb of(RocksDB db, List<ColumnFamilyHandle> handles, boolean readOnly, Optional<ReadOnlyLock> lock) {
      Map<Family, ColumnFamilyHandle> byFamily = new EnumMap<>(Family.class);
      for (Family family : Family.values()) {
        byFamily.put(family, handles.get(family.ordinal()));
      }
      return new OpenDb(db, handles, byFamily, readOnly, lock);
    }

    void close() {
      for (int i = handles.size() - 1; i >= 0; i--) {
        handles.get(i).close();
      }
      db.close();
      lock.ifPresent(ReadOnlyLock::close);
    }
  }

  private RocksIndex(Path directory, DBOptions dbOptions, ColumnFamilyOptions familyOptions,
      List<ColumnFamilyDescriptor> descriptors, IndexBallast ballast, OpenDb open) {
    this.directory = directory;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.descriptors = descriptors;
    this.ballast = ballast;
    this.open = open;
    this.syncWrites = new WriteOptions().setSync(true);
    this.unsyncedWrites = new WriteOptions().setSync(false);
  }

  /** Opens the index with no space set aside for it (see {@link #open(Path, IndexBallast)}). */
  static RocksIndex open(Path directory) {
    return open(directory, new IndexBallast(directory.getParent(), 0));
  }

  /**
   * Opens (creating if needed) the index in {@code directory}, a directory of the store;
   * {@link StoreLockedException} if in use.
   *
   * <p>On a full disk: RocksDB writes on every read-write open (a new MANIFEST, OPTIONS, a WAL), so
   * when that fails for lack of space the {@code ballast} is released and the open retried; if it
   * still fails the index opens read-only (RocksDB's read-only mode writes nothing and replays the
   * WAL into memory), so everything present can be read and served, and writes fail with
   * {@link dev.outpost.store.StoreFullException} until a later write finds room and reopens it.
   */
  static RocksIndex open(Path directory, IndexBallast ballast) {
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setKeepLogFileNum(5)
        // Every committed write is already synced to the WAL, so flushing the column families'
        // memtables to SST files at close adds nothing but time, paid by every CLI command; the
        // next open replays the WAL instead.
        .setAvoidFlushDuringShutdown(true)
        // Nor at open: a flush during recovery writes SST files, which on a full disk fails the
        // open ("While appending to file: …sst: No space left on device"). The WAL is kept instead
        // and flushed later, in the background, when the memtables fill.
        .setAvoidFlushDuringRecovery(true)
        // What the two settings above leave for the next open to replay, bounded (its Javadoc).
        .setMaxTotalWalSize(MAX_WAL_BYTES)
        // No fallocate of WAL and MANIFEST ahead of use (about 70 MiB with the default write
        // buffer): on tmpfs and some other filesystems that takes real space, so a small or nearly
        // full volume would fail on space the index never uses.
        .setAllowFAllocate(false);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Family family : Family.values()) {
      descriptors.add(new ColumnFamilyDescriptor(family.rocksName(), familyOptions));
    }
    try {
      OpenDb open = openDb(directory, dbOptions, descriptors, ballast);
      return new RocksIndex(directory, dbOptions, familyOptions, descriptors, ballast, open);
    } catch (RuntimeException e) {
      familyOptions.close();
      dbOptions.close();
      throw e;
    }
  }

  private static OpenDb openDb(Path directory, DBOptions options, List<ColumnFamilyDescriptor> descriptors,
      IndexBallast ballast) {
    try {
      try {
        return writable(directory, options, descriptors);
      } catch (RocksDBException e) {
        if (!NoSpace.causedBy(e)) {
          throw e;
        }
        if (ballast.release() > 0) {
          try {
            return writable(directory, options, descriptors);
          } catch (RocksDBException again) {
            if (!NoSpace.causedBy(again)) {
              throw again;
            }
          }
        }
        LOG.warn("the disk of {} is full: the index opens read-only; content present is served, writes wait for space",
            directory);
        return readOnly(directory, options, descriptors);
      }
    } catch (RocksDBException e) {
      if (isLockHeld(e)) {
        throw lockHeld(directory, e);
      }
      throw new StoreException("open index " + directory + " failed: " + e.getMessage(), e);
    }
  }

  private static OpenDb writable(Path directory, DBOptions options, List<ColumnFamilyDescriptor> descriptors)
      throws RocksDBException {
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db = RocksDB.open(options, directory.toString(), descriptors, handles);
    return OpenDb.of(db, handles, false, Optional.empty());
  }

  /**
   * RocksDB's read-only mode takes no LOCK file, so the same lock is taken here: another process
   * opening the store still gets {@link StoreLockedException}.
   */
  private static OpenDb readOnly(Path directory, DBOptions options, List<ColumnFamilyDescriptor> descriptors)
      throws RocksDBException {
    ReadOnlyLock lock = ReadOnlyLock.acquire(directory.resolve("LOCK"))
        .orElseThrow(() -> lockHeld(directory, null));
    try {
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.openReadOnly(options, directory.toString(), descriptors, handles);
      return OpenDb.of(db, handles, true, Optional.of(lock));
    } catch (RocksDBException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static StoreLockedException lockHeld(Path directory, Exception cause) {
    return new StoreLockedException("store " + directory.getParent() + " is in use by another Outpost process"
        + " (RocksDB holds " + directory.resolve("LOCK") + ")", cause);
  }

  /** True when the index could not open read-write for lack of space and has not been reopened since. */
  boolean readOnly() {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      return !closed && open.readOnly();
    } finally {
      lock.unlock();
    }
  }

  /**
   * RocksDB reports a held LOCK file as an IOError: "While lock file: …: Resource temporarily
   * unavailable" from another process, "lock hold by current process" from this one.
   */
  private static boolean isLockHeld(RocksDBException e) {
    Status status = e.getStatus();
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return status != null && status.getCode() == Status.Code.IOError && message.contains("lock");
  }

  Optional<byte[]> get(Family family, byte[] key, String operation) {
    return whileOpen(operation, db -> Optional.ofNullable(db.get(handle(family), key)));
  }

  boolean contains(Family family, byte[] key, String operation) {
    return get(family, key, operation).isPresent();
  }

  void put(Family family, byte[] key, byte[] value, String operation) {
    whileWritable(operation, db -> {
      db.put(handle(family), syncWrites, key, value);
      return null;
    });
  }

  /** A put that is not synced to disk: survives a process crash, may be lost on power loss. */
  void putUnsynced(Family family, byte[] key, byte[] value, String operation) {
    whileWritable(operation, db -> {
      db.put(handle(family), unsyncedWrites, key, value);
      return null;
    });
  }

  void delete(Family family, byte[] key, String operation) {
    whileWritable(operation, db -> {
      db.delete(handle(family), syncWrites, key);
      return null;
    });
  }

  /**
   * Deletes {@code key} if it is there, in one synced write; returns whether it was. The look-up and
   * the delete are two RocksDB calls: a concurrent put of the same key may land between them.
   */
  boolean deleteIfPresent(Family family, byte[] key, String operation) {
    return whileWritable(operation, db -> {
      if (db.get(handle(family), key) == null) {
        return false;
      }
      db.delete(handle(family), syncWrites, key);
      return true;
    });
  }

  /** Applies every change {@code changes} makes to the batch atomically, in one synced write. */
  void write(String operation, Consumer<IndexBatch> changes) {
    whileWritable(operation, db -> {
      try (WriteBatch batch = new WriteBatch()) {
        changes.accept(new IndexBatch(batch, this::handle, operation));
        db.write(syncWrites, batch);
      }
      return null;
    });
  }

  /** Maps every entry whose key starts with {@code prefix}, in key order. */
  <T> List<T> scan(Family family, byte[] prefix, String operation, BiFunction<byte[], byte[], T> mapper) {
    return whileOpen(operation, db -> {
      List<T> result = new ArrayList<>();
      try (RocksIterator it = db.newIterator(handle(family))) {
        for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
          result.add(mapper.apply(it.key(), it.value()));
        }
        it.status();
      }
      return result;
    });
  }

  /**
   * Calls {@code action} for every entry whose key starts with {@code prefix}, in key order, a page
   * of {@code PAGE_ENTRIES} at a time: each page is read under the lifecycle lock, the actions run
   * outside it, so memory stays bounded by a page and {@link #close()} is never held up by a slow
   * action. Each page starts from a fresh iterator seeked past the last key of the previous one.
   */
  void forEach(Family family, byte[] prefix, String operation, BiConsumer<byte[], byte[]> action) {
    byte[] seek = prefix;
    boolean skipFirst = false;
    while (true) {
      List<byte[][]> page = page(family, prefix, seek, skipFirst, operation);
      for (byte[][] entry : page) {
        action.accept(entry[0], entry[1]);
      }
      if (page.size() < PAGE_ENTRIES) {
        return;
      }
      seek = page.get(page.size() - 1)[0];
      skipFirst = true;
    }
  }

  private List<byte[][]> page(Family family, byte[] prefix, byte[] seek, boolean skipFirst, String operation) {
    return whileOpen(operation, db -> {
      List<byte[][]> page = new ArrayList<>(PAGE_ENTRIES);
      try (RocksIterator it = db.newIterator(handle(family))) {
        it.seek(seek);
        if (skipFirst && it.isValid() && Arrays.equals(it.key(), seek)) {
          it.next();
        }
        for (; it.isValid() && startsWith(it.key(), prefix) && page.size() < PAGE_ENTRIES; it.next()) {
          page.add(new byte[][] {it.key(), it.value()});
        }
        it.status();
      }
      return page;
    });
  }

  /** The first key at or after {@code seek}, if any. */
  Optional<byte[]> firstKeyFrom(Family family, byte[] seek, String operation) {
    return whileOpen(operation, db -> {
      try (RocksIterator it = db.newIterator(handle(family))) {
        it.seek(seek);
        if (it.isValid()) {
          return Optional.of(it.key());
        }
        it.status();
        return Optional.empty();
      }
    });
  }

  /** One call into RocksDB. */
  @FunctionalInterface
  private interface RocksCall<T> {
    T call(RocksDB db) throws RocksDBException;
  }

  /**
   * {@link #whileOpen} for a write. A write that fails for lack of space leaves RocksDB refusing
   * every later write (its WAL writer keeps the error), and a read-only index takes none: both are
   * reopened read-write first, when there is room; otherwise the write fails with
   * {@link dev.outpost.store.StoreFullException} and reads go on.
   */
  private <T> T whileWritable(String operation, RocksCall<T> call) {
    if (needsReopen || readOnly()) {
      reopen(operation);
    }
    try {
      return whileOpen(operation, call);
    } catch (StoreException e) {
      if (NoSpace.causedBy(e.getCause())) {
        needsReopen = true;
        throw new dev.outpost.store.StoreFullException(operation + " failed: the disk of index " + directory
            + " is full (" + e.getCause().getMessage() + ")", e.getCause());
      }
      throw e;
    }
  }

  /**
   * Closes the database and opens it read-write again, under the lifecycle lock (no call runs
   * meanwhile). Not tried with less than {@link #MIN_FREE_TO_REOPEN} free unless the ballast can
   * be released; on failure the index is read-only and the write fails.
   */
  private void reopen(String operation) {
    Lock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed || (!needsReopen && !open.readOnly())) {
        return;
      }
      if (freeBytes() < MIN_FREE_TO_REOPEN && ballast.release() == 0) {
        throw new dev.outpost.store.StoreFullException(operation + " refused: the disk of index " + directory
            + " is full; the index stays read-only until space returns");
      }
      open.close();
      needsReopen = false;
      open = openDb(directory, dbOptions, descriptors, ballast);
      if (open.readOnly()) {
        throw new dev.outpost.store.StoreFullException(operation + " refused: the disk of index " + directory
            + " is full; the index stays read-only until space returns");
      }
      LOG.info("the index {} is writable again", directory);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reopens a read-only index (or one whose last write failed for lack of space) read-write if
   * there is room now; returns whether it is writable. Space checks call this, so that a store
   * opened on a full disk becomes writable again without waiting for a write to try.
   */
  boolean tryWritable() {
    if (!needsReopen && !readOnly()) {
      return true;
    }
    try {
      reopen("reopen index");
      return true;
    } catch (dev.outpost.store.StoreFullException e) {
      return false;
    }
  }

  private long freeBytes() {
    try {
      return java.nio.file.Files.getFileStore(directory).getUsableSpace();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /**
   * Runs {@code call} unless the index is closed. The read lock keeps {@link #close()} from
   * freeing native handles under a running call: RocksJava on a closed handle is a use-after-free
   * that can crash the JVM, not an exception.
   */
  private <T> T whileOpen(String operation, RocksCall<T> call) {
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new StoreException(operation + " failed: the store " + directory.getParent() + " is closed");
      }
      return call.call(open.db());
    } catch (RocksDBException e) {
      throw failed(operation, e);
    } finally {
      lock.unlock();
    }
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Only inside a {@link #whileOpen} call, which holds the lifecycle lock. */
  private ColumnFamilyHandle handle(Family family) {
    return open.byFamily().get(family);
  }

  private StoreException failed(String operation, RocksDBException e) {
    return new StoreException(operation + " failed in index " + directory + ": " + e.getMessage(), e);
  }

  /** Closes in reverse order of creation: handles, database, then options. Idempotent. */
  @Override
  public void close() {
    Lock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeNativeResources();
    } finally {
      lock.unlock();
    }
  }

  private void closeNativeResources() {
    open.close();
    unsyncedWrites.close();
    syncWrites.close();
    familyOptions.close();
    dbOptions.close();
  }
}
