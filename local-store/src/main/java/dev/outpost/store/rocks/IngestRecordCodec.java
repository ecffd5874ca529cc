package dev.outpost.store.rocks;

/** Binary codec of {@link IngestRecord}: version 1, durable offset, expected size, source. */
final class IngestRecordCodec {
  private static final int VERSION = 1;

  private IngestRecordCodec() {}

  static byte[] encode(IngestRecord record) {
    return BinaryValues.encode(VERSION, out -> {
      out.writeLong(record.durableOffset());
      out.writeLong(record.expectedSize());
      out.writeUTF(record.source());
    });
  }

  static IngestRecord decode(byte[] value) {
    return BinaryValues.decode(value, VERSION, "ingest",
        in -> new IngestRecord(in.readLong(), in.readLong(), in.readUTF()));
  }
}
