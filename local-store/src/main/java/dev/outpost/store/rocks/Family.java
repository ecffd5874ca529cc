package dev.outpost.store.rocks;

import java.nio.charset.StandardCharsets;

/**
 * The column families of the index. Each holds one kind of record; its keys come from
 * {@link KeyCodec} and its values from that kind's codec.
 */
enum Family {
  /** RocksDB requires it; Outpost keeps only the index format version there ({@link IndexFormat}). */
  DEFAULT("default"),
  /** digest → {@link BlobRecord}. */
  BLOBS("blobs"),
  /** (repository, digest) → {@link ManifestRecord}. */
  MANIFESTS("manifests"),
  /** (repository, tag) → manifest digest. */
  TAGS("tags"),
  /**
   * (repository, subject digest, referrer digest) → nothing: the referrer's manifest, committed in
   * the repository, has that subject. Written and removed with the manifest; GC marks through them.
   */
  REFERRERS("referrers"),
  /** digest → {@link IngestRecord} (durable progress of a partial blob). */
  INGEST("ingest"),
  /** repository → sync state. */
  REPOS("repos"),
  /** token name → client token. */
  TOKENS("tokens"),
  /**
   * (repository, blob digest, manifest digest) → nothing: the blob is referenced by that manifest
   * of the repository. Blob files are shared across repositories; this is what keeps a blob of one
   * repository from being read through another. Keyed per manifest so that deleting one manifest
   * removes exactly its references (format 2; format 1 had (repository, blob), see {@link IndexFormat}).
   */
  REPO_BLOBS("repo_blobs"),
  /** (repository, manifest digest) → last pull time, written in batches from memory ({@link PullTimes}). */
  PULLS("pulls"),
  /** (repository, tag) → when sync first saw the tag missing upstream ({@link InstantCodec}). */
  MISSING_TAGS("missing_tags"),
  /**
   * (repository, tag) → {@link dev.outpost.store.EvictedTag} ({@link EvictedTagCodec}): the quota
   * removed the tag, in the same write; sync does not fetch the image again while the tag points
   * at that manifest upstream.
   */
  EVICTED("evicted"),
  /**
   * (bundle id, digest) → nothing: content a bundle import staged as a blob file and cannot commit
   * until another part arrives ({@link dev.outpost.store.PendingImports}); a GC root until forgotten.
   * Added after format 2 without a format change: RocksDB creates a missing family at open, empty.
   */
  PENDING_IMPORTS("pending_imports"),
  /**
   * (parent address, repository) → {@link InstantCodec} instant: the repository's listing watermark
   * ({@link dev.outpost.store.ListingWatermarks}). Added after format 3 without a format change, as
   * {@link #PENDING_IMPORTS} was: an older store gets it, empty, at open (its first pass then checks
   * every tag, as before). Like that family, it makes the store one an older Outpost will not open
   * (RocksDB wants every family named at open).
   */
  WATERMARKS("watermarks");

  private final String rocksName;

  Family(String rocksName) {
    this.rocksName = rocksName;
  }

  byte[] rocksName() {
    return rocksName.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return rocksName;
  }
}
