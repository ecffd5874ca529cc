package dev.outpost.store.rocks;

import java.nio.charset.StandardCharsets;

/**
 * The column families of the index. Each holds one kind of record; its keys come from
 * {@link KeyCodec} and its values from that kind's codec.
 */
enum Family {
  /** RocksDB requires it; Outpost keeps nothing there. */
  DEFAULT("default"),
  /** digest → {@link BlobRecord}. */
  BLOBS("blobs"),
  /** (repository, digest) → {@link ManifestRecord}. */
  MANIFESTS("manifests"),
  /** (repository, tag) → manifest digest. */
  TAGS("tags"),
  /**
   * (repository, subject digest, referrer digest) → nothing: the referrer's manifest, committed in
   * the repository, has that subject. Written with the manifest; nothing reads these entries yet.
   */
  REFERRERS("referrers"),
  /** digest → {@link IngestRecord} (durable progress of a partial blob). */
  INGEST("ingest"),
  /** repository → sync state. */
  REPOS("repos"),
  /** token name → client token. */
  TOKENS("tokens"),
  /**
   * (repository, blob digest) → nothing: the blob is referenced by a manifest of the repository.
   * Blob files are shared across repositories; this is what keeps a blob of one repository from
   * being read through another.
   */
  REPO_BLOBS("repo_blobs");

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
