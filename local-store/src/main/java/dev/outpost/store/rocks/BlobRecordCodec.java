package dev.outpost.store.rocks;

import java.time.Instant;

/** Binary codec of {@link BlobRecord}: version 1, size, commit time in epoch milliseconds. */
final class BlobRecordCodec {
  private static final int VERSION = 1;

  private BlobRecordCodec() {}

  static byte[] encode(BlobRecord record) {
    return BinaryValues.encode(VERSION, out -> {
      out.writeLong(record.size());
      out.writeLong(record.committedAt().toEpochMilli());
    });
  }

  static BlobRecord decode(byte[] value) {
    return BinaryValues.decode(value, VERSION, "blob",
        in -> new BlobRecord(in.readLong(), Instant.ofEpochMilli(in.readLong())));
  }
}
