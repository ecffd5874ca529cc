package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * The changes of one atomic index update, collected before {@link RocksIndex#write} applies them
 * in a single {@link WriteBatch}: readers see all of them or none.
 */
final class IndexBatch {
  private final WriteBatch batch;
  private final Function<Family, ColumnFamilyHandle> handles;
  private final String operation;

  IndexBatch(WriteBatch batch, Function<Family, ColumnFamilyHandle> handles, String operation) {
    this.batch = batch;
    this.handles = handles;
    this.operation = operation;
  }

  IndexBatch put(Family family, byte[] key, byte[] value) {
    try {
      batch.put(handles.apply(family), key, value);
    } catch (RocksDBException e) {
      throw new StoreException(operation + " failed while batching a write: " + e.getMessage(), e);
    }
    return this;
  }

  IndexBatch delete(Family family, byte[] key) {
    try {
      batch.delete(handles.apply(family), key);
    } catch (RocksDBException e) {
      throw new StoreException(operation + " failed while batching a delete: " + e.getMessage(), e);
    }
    return this;
  }
}
