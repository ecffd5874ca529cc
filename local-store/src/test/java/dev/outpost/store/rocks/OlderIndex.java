package dev.outpost.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

/** Turns a closed store's index into what an Outpost from before a column family wrote. */
final class OlderIndex {
  private OlderIndex() {}

  /** Drops family {@code name} from the index of the store at {@code data}: every other family stays. */
  static void dropFamily(Path data, String name) throws Exception {
    String dir = data.resolve("index").toString();
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] family : RocksDB.listColumnFamilies(new org.rocksdb.Options(), dir)) {
      descriptors.add(new ColumnFamilyDescriptor(family));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir, descriptors, handles)) {
      for (ColumnFamilyHandle handle : handles) {
        if (new String(handle.getName()).equals(name)) {
          db.dropColumnFamily(handle);
        }
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
    assertThat(RocksDB.listColumnFamilies(new org.rocksdb.Options(), dir)).noneMatch(f -> new String(f).equals(name));
  }
}
