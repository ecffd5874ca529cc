package dev.outpost.store.rocks;

import dev.outpost.store.StoreException;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.MediaType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binary codec of {@link ManifestRecord}: version 1, content type, commit time, children and
 * intentionally absent digests (each count-prefixed), subject flag and digest, then the manifest
 * bytes, length-prefixed. Only parsed manifests are committed, so the length is at most
 * {@link ManifestParser#MAX_MANIFEST_BYTES}; a longer one is a corrupt record, refused before
 * anything is allocated for it.
 */
final class ManifestRecordCodec {
  private static final int VERSION = 1;

  private ManifestRecordCodec() {}

  static byte[] encode(ManifestRecord record) {
    return BinaryValues.encode(VERSION, out -> {
      out.writeUTF(record.contentType().value());
      out.writeLong(record.committedAt().toEpochMilli());
      writeDigests(out, record.children());
      writeDigests(out, record.intentionallyAbsent());
      out.writeBoolean(record.subject().isPresent());
      if (record.subject().isPresent()) {
        out.writeUTF(record.subject().get().toString());
      }
      out.writeInt(record.bytes().length);
      out.write(record.bytes());
    });
  }

  static ManifestRecord decode(byte[] value) {
    return BinaryValues.decode(value, VERSION, "manifest", ManifestRecordCodec::read);
  }

  private static ManifestRecord read(DataInputStream in) throws IOException {
    MediaType contentType = MediaType.parse(in.readUTF());
    Instant committedAt = Instant.ofEpochMilli(in.readLong());
    List<Digest> children = readDigests(in);
    List<Digest> absent = readDigests(in);
    Optional<Digest> subject = in.readBoolean() ? Optional.of(Digest.parse(in.readUTF())) : Optional.empty();
    int length = in.readInt();
    if (length < 0 || length > ManifestParser.MAX_MANIFEST_BYTES) {
      throw new StoreException("index manifest record claims " + length + " manifest bytes, outside 0 to "
          + ManifestParser.MAX_MANIFEST_BYTES);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new ManifestRecord(contentType, bytes, children, absent, subject, committedAt);
  }

  private static void writeDigests(DataOutputStream out, List<Digest> digests) throws IOException {
    out.writeInt(digests.size());
    for (Digest digest : digests) {
      out.writeUTF(digest.toString());
    }
  }

  private static List<Digest> readDigests(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("negative digest count " + count);
    }
    List<Digest> digests = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      digests.add(Digest.parse(in.readUTF()));
    }
    return digests;
  }
}
