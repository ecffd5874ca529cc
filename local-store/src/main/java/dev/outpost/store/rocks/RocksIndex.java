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
  static {
    RocksDB.loadLibrary();
  }

  /** Entries read per page by {@link #forEach}: enough to amortize the seek, small enough to bound memory. */
  static final int PAGE_ENTRIES = 1024;

  private final Path directory;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions syncWrites;
  private final WriteOptions unsyncedWrites;
  private final RocksDB db;
  private final List<ColumnFamilyHandle> handles;
  private final Map<Family, ColumnFamilyHandle> byFamily;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksIndex(Path directory, DBOptions dbOptions, ColumnFamilyOptions familyOptions, RocksDB db,
      List<ColumnFamilyHandle> handles) {
    this.directory = directory;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.db = db;
    this.handles = handles;
    this.syncWrites = new WriteOptions().setSync(true);
    this.unsyncedWrites = new WriteOptions().setSync(false);
    this.byFamily = new EnumMap<>(Family.class);
    for (Family family : Family.values()) {
      byFamily.put(family, handles.get(family.ordinal()));
    }
  }

  /**
   * Opens (creating if needed) the index in {@code directory}, a directory of the store;
   * {@link StoreLockedException} if in use.
   */
  static RocksIndex open(Path directory) {
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setKeepLogFileNum(5)
        // Every committed write is already synced to the WAL, so flushing the column families'
        // memtables to SST files at close adds nothing but time, paid by every CLI command; the
        // next open replays the WAL instead.
        .setAvoidFlushDuringShutdown(true);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Family family : Family.values()) {
      descriptors.add(new ColumnFamilyDescriptor(family.rocksName(), familyOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try {
      RocksDB db = RocksDB.open(dbOptions, directory.toString(), descriptors, handles);
      return new RocksIndex(directory, dbOptions, familyOptions, db, handles);
    } catch (RocksDBException e) {
      familyOptions.close();
      dbOptions.close();
      if (isLockHeld(e)) {
        throw new StoreLockedException("store " + directory.getParent() + " is in use by another Outpost process"
            + " (RocksDB holds " + directory.resolve("LOCK") + ")", e);
      }
      throw new StoreException("open index " + directory + " failed: " + e.getMessage(), e);
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
    return whileOpen(operation, () -> Optional.ofNullable(db.get(handle(family), key)));
  }

  boolean contains(Family family, byte[] key, String operation) {
    return get(family, key, operation).isPresent();
  }

  void put(Family family, byte[] key, byte[] value, String operation) {
    whileOpen(operation, () -> {
      db.put(handle(family), syncWrites, key, value);
      return null;
    });
  }

  /** A put that is not synced to disk: survives a process crash, may be lost on power loss. */
  void putUnsynced(Family family, byte[] key, byte[] value, String operation) {
    whileOpen(operation, () -> {
      db.put(handle(family), unsyncedWrites, key, value);
      return null;
    });
  }

  void delete(Family family, byte[] key, String operation) {
    whileOpen(operation, () -> {
      db.delete(handle(family), syncWrites, key);
      return null;
    });
  }

  /**
   * Deletes {@code key} if it is there, in one synced write; returns whether it was. The look-up and
   * the delete are two RocksDB calls: a concurrent put of the same key may land between them.
   */
  boolean deleteIfPresent(Family family, byte[] key, String operation) {
    return whileOpen(operation, () -> {
      if (db.get(handle(family), key) == null) {
        return false;
      }
      db.delete(handle(family), syncWrites, key);
      return true;
    });
  }

  /** Applies every change {@code changes} makes to the batch atomically, in one synced write. */
  void write(String operation, Consumer<IndexBatch> changes) {
    whileOpen(operation, () -> {
      try (WriteBatch batch = new WriteBatch()) {
        changes.accept(new IndexBatch(batch, this::handle, operation));
        db.write(syncWrites, batch);
      }
      return null;
    });
  }

  /** Maps every entry whose key starts with {@code prefix}, in key order. */
  <T> List<T> scan(Family family, byte[] prefix, String operation, BiFunction<byte[], byte[], T> mapper) {
    return whileOpen(operation, () -> {
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
    return whileOpen(operation, () -> {
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
    return whileOpen(operation, () -> {
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
    T call() throws RocksDBException;
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
      return call.call();
    } catch (RocksDBException e) {
      throw failed(operation, e);
    } finally {
      lock.unlock();
    }
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private ColumnFamilyHandle handle(Family family) {
    return byFamily.get(family);
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
    for (int i = handles.size() - 1; i >= 0; i--) {
      handles.get(i).close();
    }
    db.close();
    unsyncedWrites.close();
    syncWrites.close();
    familyOptions.close();
    dbOptions.close();
  }
}
