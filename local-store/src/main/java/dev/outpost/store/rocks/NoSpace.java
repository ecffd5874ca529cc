package dev.outpost.store.rocks;

import java.util.Locale;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * Tells a failure for lack of disk space from other I/O failures. The JDK has no exception type for
 * ENOSPC (it is an {@code IOException} carrying the C library's message), and RocksDB reports it as
 * an IOError whose sub-code is {@code NoSpace} or, from its POSIX file layer, only in the message.
 */
final class NoSpace {
  private NoSpace() {}

  static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RocksDBException r && r.getStatus() != null
          && r.getStatus().getSubCode() == Status.SubCode.NoSpace) {
        return true;
      }
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("no space left on device") || message.contains("disk quota exceeded")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
