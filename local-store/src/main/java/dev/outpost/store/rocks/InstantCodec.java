package dev.outpost.store.rocks;

import java.time.Instant;

/** Codec of a point in time: version byte, epoch seconds, nanoseconds. */
final class InstantCodec {
  private static final int VERSION = 1;

  private InstantCodec() {}

  static byte[] encode(Instant instant) {
    return BinaryValues.encode(VERSION, out -> {
      out.writeLong(instant.getEpochSecond());
      out.writeInt(instant.getNano());
    });
  }

  static Instant decode(byte[] value) {
    return BinaryValues.decode(value, VERSION, "instant", in -> Instant.ofEpochSecond(in.readLong(), in.readInt()));
  }
}
