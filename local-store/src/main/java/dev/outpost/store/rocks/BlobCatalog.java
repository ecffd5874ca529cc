package dev.outpost.store.rocks;

import dev.outpost.store.BlobInfo;
import dev.outpost.store.model.Digest;
import java.time.Clock;
import java.util.Optional;

/**
 * The index records of blobs and of partial blobs ({@code blobs} and {@code ingest} column
 * families). Publishing a blob adds its record and drops its ingest record in one batch, so the
 * index never shows a blob as both partial and committed.
 */
final class BlobCatalog {
  private final RocksIndex index;
  private final Clock clock;

  BlobCatalog(RocksIndex index, Clock clock) {
    this.index = index;
    this.clock = clock;
  }

  Optional<BlobInfo> stat(Digest digest) {
    return record(digest).map(r -> new BlobInfo(digest, r.size()));
  }

  Optional<BlobRecord> record(Digest digest) {
    return index.get(Family.BLOBS, KeyCodec.blob(digest), "stat blob " + digest).map(BlobRecordCodec::decode);
  }

  Optional<IngestRecord> progress(Digest digest) {
    return index.get(Family.INGEST, KeyCodec.ingest(digest), "read ingest progress of " + digest)
        .map(IngestRecordCodec::decode);
  }

  /** Records durable progress. Unsynced: the data was fsynced just before; losing this costs a chunk. */
  void checkpoint(Digest digest, IngestRecord record) {
    index.putUnsynced(Family.INGEST, KeyCodec.ingest(digest), IngestRecordCodec.encode(record),
        "checkpoint ingest of " + digest + " at offset " + record.durableOffset());
  }

  void forgetProgress(Digest digest) {
    index.delete(Family.INGEST, KeyCodec.ingest(digest), "remove ingest progress of " + digest);
  }

  void forEach(java.util.function.Consumer<dev.outpost.store.StoredBlob> action) {
    index.forEach(Family.BLOBS, new byte[0], "enumerate blobs", (key, value) -> {
      BlobRecord record = BlobRecordCodec.decode(value);
      action.accept(new dev.outpost.store.StoredBlob(KeyCodec.digestOf(key, 0), record.size(), record.committedAt()));
    });
  }

  /** Removes a blob's record: from now on it is not found, whether or not its file is still there. */
  void forget(Digest digest) {
    index.delete(Family.BLOBS, KeyCodec.blob(digest), "remove blob record of " + digest);
  }

  /** Removes the records of {@code digests} in one write: from then on none of them is found. */
  void forgetAll(java.util.Collection<Digest> digests) {
    index.write("remove " + digests.size() + " blob records",
        batch -> digests.forEach(digest -> batch.delete(Family.BLOBS, KeyCodec.blob(digest))));
  }

  /** Makes a blob whose file is already in place visible, and drops its ingest record, atomically. */
  BlobInfo published(Digest digest, long size) {
    BlobRecord record = new BlobRecord(size, clock.instant());
    index.write("commit blob " + digest, batch -> batch
        .put(Family.BLOBS, KeyCodec.blob(digest), BlobRecordCodec.encode(record))
        .delete(Family.INGEST, KeyCodec.ingest(digest)));
    return new BlobInfo(digest, size);
  }
}
