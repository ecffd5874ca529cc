package dev.outpost.store.rocks;

import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout version of the index, kept under one key of the default column family, and the
 * upgrade from older layouts, run once when a store is opened.
 *
 * <p>Format 1 (no version key) keyed {@code repo_blobs} by (repository, blob): deleting one
 * manifest could not tell whether another still referenced the blob. Format 2 adds the manifest
 * digest. The upgrade rewrites those entries from the manifest records, in batches, then records
 * the version; a crash in between repeats it, which is harmless (the writes are idempotent).
 *
 * <p>Format 3 gives each {@code referrers} entry the referrer's descriptor as its value (format 2
 * had an empty value). The upgrade fills empty values from the referrer's manifest record and
 * drops an entry whose manifest is gone (deleted together, so none should be); idempotent too.
 */
final class IndexFormat {
  static final int CURRENT = 3;
  private static final byte[] KEY = "format".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NO_VALUE = new byte[0];
  private static final int BATCH = 1024;

  private IndexFormat() {}

  static void upgrade(RocksIndex index) {
    int version = index.get(Family.DEFAULT, KEY, "read index format").map(v -> v.length == 1 ? v[0] & 0xff : -1)
        .orElse(1);
    if (version == CURRENT) {
      return;
    }
    if (version < 1 || version > CURRENT) {
      throw new dev.outpost.store.StoreException("index format " + version + " is unknown to this Outpost (it knows "
          + CURRENT + "): the store was written by a newer version");
    }
    if (version == 1) {
      rewriteRepositoryBlobs(index);
    }
    describeReferrers(index);
    index.put(Family.DEFAULT, KEY, new byte[] {(byte) CURRENT}, "record index format " + CURRENT);
  }

  private static void rewriteRepositoryBlobs(RocksIndex index) {
    List<byte[]> pending = new ArrayList<>();
    index.forEach(Family.REPO_BLOBS, new byte[0], "upgrade repo_blobs", (key, value) -> {
      if (KeyCodec.split(key).size() == 2) {
        pending.add(key);
        flushIfFull(index, pending, false);
      }
    });
    flushIfFull(index, pending, true);
    index.forEach(Family.MANIFESTS, new byte[0], "upgrade repo_blobs", (key, value) -> {
      ManifestRecord record = ManifestRecordCodec.decode(value);
      if (!ManifestRecords.isIndex(record)) {
        RepositoryName repository = KeyCodec.repositoryOf(key);
        Digest manifest = KeyCodec.digestOf(key, 1);
        record.children().forEach(blob -> pending.add(KeyCodec.repositoryBlob(repository, blob, manifest)));
        putIfFull(index, pending, false);
      }
    });
    putIfFull(index, pending, true);
  }

  private static void describeReferrers(RocksIndex index) {
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    index.forEach(Family.REFERRERS, new byte[0], "upgrade referrers", (key, value) -> {
      if (value.length == 0) {
        RepositoryName repository = KeyCodec.repositoryOf(key);
        Digest referrer = KeyCodec.digestOf(key, 2);
        keys.add(key);
        values.add(index.get(Family.MANIFESTS, KeyCodec.manifest(repository, referrer), "upgrade referrers")
            .map(ManifestRecordCodec::decode)
            .map(r -> ReferrerEntryCodec.encode(ReferrerEntryCodec.describe(referrer, r.contentType(), r.bytes(),
                ManifestParser.parse(r.bytes(), r.contentType()))))
            .orElse(null));
        writeReferrers(index, keys, values, false);
      }
    });
    writeReferrers(index, keys, values, true);
  }

  private static void writeReferrers(RocksIndex index, List<byte[]> keys, List<byte[]> values, boolean force) {
    if (keys.size() >= BATCH || (force && !keys.isEmpty())) {
      index.write("upgrade referrers", batch -> {
        for (int i = 0; i < keys.size(); i++) {
          if (values.get(i) == null) {
            batch.delete(Family.REFERRERS, keys.get(i));
          } else {
            batch.put(Family.REFERRERS, keys.get(i), values.get(i));
          }
        }
      });
      keys.clear();
      values.clear();
    }
  }

  private static void flushIfFull(RocksIndex index, List<byte[]> keys, boolean force) {
    if (keys.size() >= BATCH || (force && !keys.isEmpty())) {
      index.write("upgrade repo_blobs", batch -> keys.forEach(k -> batch.delete(Family.REPO_BLOBS, k)));
      keys.clear();
    }
  }

  private static void putIfFull(RocksIndex index, List<byte[]> keys, boolean force) {
    if (keys.size() >= BATCH || (force && !keys.isEmpty())) {
      index.write("upgrade repo_blobs", batch -> keys.forEach(k -> batch.put(Family.REPO_BLOBS, k, NO_VALUE)));
      keys.clear();
    }
  }
}
