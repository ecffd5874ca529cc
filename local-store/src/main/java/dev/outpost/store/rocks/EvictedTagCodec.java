package dev.outpost.store.rocks;

import dev.outpost.store.EvictedTag;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.time.Instant;

/**
 * Codec of an {@code evicted} record's value: version byte, manifest digest, eviction time (epoch
 * seconds, nanoseconds), bytes freed, reason. Repository and tag are the key's.
 */
final class EvictedTagCodec {
  private static final int VERSION = 1;

  private EvictedTagCodec() {}

  static byte[] encode(EvictedTag eviction) {
    return BinaryValues.encode(VERSION, out -> {
      out.writeUTF(eviction.manifest().toString());
      out.writeLong(eviction.at().getEpochSecond());
      out.writeInt(eviction.at().getNano());
      out.writeLong(eviction.bytes());
      out.writeUTF(eviction.reason());
    });
  }

  static EvictedTag decode(RepositoryName repository, Tag tag, byte[] value) {
    return BinaryValues.decode(value, VERSION, "evicted tag", in -> new EvictedTag(repository, tag,
        Digest.parse(in.readUTF()), Instant.ofEpochSecond(in.readLong(), in.readInt()), in.readLong(), in.readUTF()));
  }
}
