package dev.outpost.store.rocks;

import dev.outpost.store.ClosureIncompleteException;
import dev.outpost.store.StoredManifest;
import dev.outpost.store.manifest.ImageIndex;
import dev.outpost.store.manifest.ImageManifest;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.manifest.ManifestParser;
import dev.outpost.store.manifest.ParsedManifest;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Manifests per repository ({@code manifests} column family, plus {@code referrers} entries for
 * manifests with a subject and {@code repo_blobs} entries for the blobs of image manifests, written
 * and deleted with the manifest in one batch). A manifest is committed only when its closure is present: every blob
 * of an image manifest committed with the size its descriptor states, every child of an index a
 * manifest of the same repository or intentionally absent. A subject need not be present (a
 * signature may arrive before or without its image).
 */
final class ManifestRecords {
  /**
   * The value of {@code repo_blobs} entries: their key is the whole fact. A {@code referrers} entry
   * carries the referrer's descriptor ({@link ReferrerEntryCodec}), so listing needs no manifest read.
   */
  private static final byte[] NO_VALUE = new byte[0];

  private final RocksIndex index;
  private final BlobCatalog blobs;
  private final Clock clock;

  ManifestRecords(RocksIndex index, BlobCatalog blobs, Clock clock) {
    this.index = index;
    this.blobs = blobs;
    this.clock = clock;
  }

  void commit(RepositoryName repository, ManifestContent content, Set<Digest> intentionallyAbsent) {
    // A ManifestContent is verified by its type (it cannot be made without hashing its bytes).
    byte[] bytes = content.bytes();
    Digest digest = content.digest();
    ParsedManifest parsed = ManifestParser.parse(bytes, content.contentType());
    List<Digest> children = parsed.children().stream().map(Descriptor::digest).toList();
    List<Digest> absent = new ArrayList<>();
    List<Digest> missing = new ArrayList<>();
    switch (parsed) {
      case ImageManifest manifest -> collectMissingBlobs(manifest, missing);
      case ImageIndex imageIndex -> collectMissingManifests(repository, imageIndex, intentionallyAbsent, absent, missing);
    }
    if (!missing.isEmpty()) {
      throw new ClosureIncompleteException(digest, missing);
    }
    Optional<Digest> subject = parsed.subject().map(Descriptor::digest);
    ManifestRecord record = new ManifestRecord(content.contentType(), bytes, children, absent, subject, clock.instant());
    List<Digest> blobs = parsed instanceof ImageManifest ? children : List.of();
    index.write("commit manifest " + repository + "@" + digest, batch -> {
      batch.put(Family.MANIFESTS, KeyCodec.manifest(repository, digest), ManifestRecordCodec.encode(record));
      blobs.forEach(blob -> batch.put(Family.REPO_BLOBS, KeyCodec.repositoryBlob(repository, blob, digest), NO_VALUE));
      subject.ifPresent(s -> batch.put(Family.REFERRERS, KeyCodec.referrer(repository, s, digest),
          ReferrerEntryCodec.encode(ReferrerEntryCodec.describe(digest, content.contentType(), bytes, parsed))));
    });
  }

  /** One seek: any {@code repo_blobs} key of this blob in this repository, whichever manifest it names. */
  boolean referencesBlob(RepositoryName repository, Digest blob) {
    byte[] prefix = KeyCodec.repositoryBlob(repository, blob);
    return index.firstKeyFrom(Family.REPO_BLOBS, prefix, "look up blob " + blob + " in " + repository)
        .filter(key -> RocksIndex.startsWith(key, prefix)).isPresent();
  }

  /**
   * Removes the manifest, its referrer entry and its {@code repo_blobs} entries in one batch; the
   * repository keeps read access to a blob as long as another of its manifests has an entry for it.
   */
  boolean delete(RepositoryName repository, Digest digest) {
    Optional<ManifestRecord> found = record(repository, digest);
    if (found.isEmpty()) {
      return false;
    }
    index.write("delete manifest " + repository + "@" + digest, batch -> deletions(batch, repository, digest, found.get()));
    return true;
  }

  private static void deletions(IndexBatch batch, RepositoryName repository, Digest digest, ManifestRecord record) {
    List<Digest> blobs = isIndex(record) ? List.of() : record.children();
    batch.delete(Family.MANIFESTS, KeyCodec.manifest(repository, digest));
    blobs.forEach(blob -> batch.delete(Family.REPO_BLOBS, KeyCodec.repositoryBlob(repository, blob, digest)));
    record.subject().ifPresent(s -> batch.delete(Family.REFERRERS, KeyCodec.referrer(repository, s, digest)));
    batch.delete(Family.PULLS, KeyCodec.pull(repository, digest));
  }

  /** {@link #delete} of each of {@code manifests} there is, in one batch; returns those removed. */
  List<StoredManifest> deleteAll(Collection<StoredManifest> manifests) {
    List<StoredManifest> removed = new ArrayList<>();
    List<ManifestRecord> records = new ArrayList<>();
    for (StoredManifest m : manifests) {
      record(m.repository(), m.digest()).ifPresent(r -> {
        removed.add(m);
        records.add(r);
      });
    }
    if (removed.isEmpty()) {
      return removed;
    }
    index.write("delete " + removed.size() + " manifests", batch -> {
      for (int i = 0; i < removed.size(); i++) {
        deletions(batch, removed.get(i).repository(), removed.get(i).digest(), records.get(i));
      }
    });
    return removed;
  }

  List<Digest> referrers(RepositoryName repository, Digest subject) {
    return index.scan(Family.REFERRERS, KeyCodec.referrersOf(repository, subject),
        "list referrers of " + repository + "@" + subject, (key, value) -> KeyCodec.digestOf(key, 2));
  }

  /** The descriptors of {@link #referrers}, in the same order, as their entries record them. */
  List<Descriptor> referrerDescriptors(RepositoryName repository, Digest subject) {
    return index.scan(Family.REFERRERS, KeyCodec.referrersOf(repository, subject),
        "list referrers of " + repository + "@" + subject,
        (key, value) -> ReferrerEntryCodec.decode(KeyCodec.digestOf(key, 2), value));
  }

  void forEach(Consumer<StoredManifest> action) {
    index.forEach(Family.MANIFESTS, new byte[0], "enumerate manifests", (key, value) -> action.accept(
        stored(KeyCodec.repositoryOf(key), KeyCodec.digestOf(key, 1), ManifestRecordCodec.decode(value))));
  }

  Optional<StoredManifest> entry(RepositoryName repository, Digest digest) {
    return record(repository, digest).map(r -> stored(repository, digest, r));
  }

  private static StoredManifest stored(RepositoryName repository, Digest digest, ManifestRecord record) {
    boolean isIndex = isIndex(record);
    return new StoredManifest(repository, digest, record.contentType(), record.bytes().length,
        isIndex ? record.children() : List.of(), isIndex ? List.of() : record.children(),
        record.intentionallyAbsent(), record.subject(), record.committedAt());
  }

  /**
   * Whether the record's children are manifests (an index) or blobs. The Content-Type decides for
   * the known kinds; a manifest served under another type (some have no {@code mediaType} field
   * and came with a generic one) is parsed, as it was when committed.
   */
  static boolean isIndex(ManifestRecord record) {
    if (record.contentType().isIndex()) {
      return true;
    }
    if (record.contentType().isImageManifest()) {
      return false;
    }
    return ManifestParser.parse(record.bytes(), record.contentType()) instanceof ImageIndex;
  }

  /** A blob committed with another size than the descriptor states is not the blob referenced. */
  private void collectMissingBlobs(ImageManifest manifest, List<Digest> missing) {
    for (Descriptor child : manifest.children()) {
      boolean present = blobs.record(child.digest()).map(r -> r.size() == child.size()).orElse(false);
      if (!present && !missing.contains(child.digest())) {
        missing.add(child.digest());
      }
    }
  }

  private void collectMissingManifests(RepositoryName repository, ImageIndex imageIndex, Set<Digest> allowedAbsent,
      List<Digest> absent, List<Digest> missing) {
    for (Descriptor child : imageIndex.manifests()) {
      if (contains(repository, child.digest())) {
        continue;
      }
      List<Digest> target = allowedAbsent.contains(child.digest()) ? absent : missing;
      if (!target.contains(child.digest())) {
        target.add(child.digest());
      }
    }
  }

  boolean contains(RepositoryName repository, Digest digest) {
    return index.contains(Family.MANIFESTS, KeyCodec.manifest(repository, digest),
        "look up manifest " + repository + "@" + digest);
  }

  /**
   * The stored manifest, hashed again as it leaves the index (a few microseconds for a manifest):
   * bytes that no longer match their key are a damaged index, refused with
   * {@link dev.outpost.store.model.DigestMismatchException} rather than served.
   */
  Optional<ManifestContent> manifest(RepositoryName repository, Digest digest) {
    return record(repository, digest).map(r -> ManifestContent.verified(r.bytes(), r.contentType(), digest));
  }

  Optional<ManifestRecord> record(RepositoryName repository, Digest digest) {
    return index.get(Family.MANIFESTS, KeyCodec.manifest(repository, digest),
        "read manifest " + repository + "@" + digest).map(ManifestRecordCodec::decode);
  }

  /**
   * Whether {@code repository} has at least one manifest: one seek to its key prefix, which ends
   * in the terminator, so {@code team/a} does not match the keys of {@code team/ab}.
   */
  boolean hasRepository(RepositoryName repository) {
    byte[] prefix = KeyCodec.repositoryPrefix(repository);
    return index.firstKeyFrom(Family.MANIFESTS, prefix, "look up repository " + repository)
        .filter(key -> RocksIndex.startsWith(key, prefix)).isPresent();
  }

  /** Repositories with at least one manifest, in lexical order: one seek per repository. */
  List<RepositoryName> repositories() {
    List<RepositoryName> result = new ArrayList<>();
    Optional<byte[]> key = index.firstKeyFrom(Family.MANIFESTS, new byte[0], "list repositories");
    while (key.isPresent()) {
      RepositoryName repository = KeyCodec.repositoryOf(key.get());
      result.add(repository);
      key = index.firstKeyFrom(Family.MANIFESTS, KeyCodec.afterRepository(repository), "list repositories");
    }
    return result;
  }
}
