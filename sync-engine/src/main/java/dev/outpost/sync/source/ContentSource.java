package dev.outpost.sync.source;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.IOException;
import java.util.List;

/**
 * Where synced content comes from: the parent registry over HTTP, or a bundle on disk. The engine's
 * planner, fetcher and commit order are written once over this interface, so live sync and bundle
 * import share the selection rules, the verification and the closure-before-visibility commits.
 *
 * <p>Nothing a source returns is trusted: digests are claims until the engine hashes the bytes.
 * A source that cannot hold an item at all (a bundle part without that blob) says so with
 * {@link ContentMissingException}, which no retry can cure; transient failures are other
 * {@link IOException}s.
 */
public interface ContentSource extends AutoCloseable {
  /** Who this source is, for messages and status: {@code parent https://reg.example}, {@code bundle /mnt/disk/b1}. */
  String describe();

  /** One cheap check that the source can be read at all (and, for a registry, that our credentials work). */
  void ping() throws IOException;

  /** Every repository the source offers (a registry's catalog); for expanding {@code prefix/*} rules. */
  List<RepositoryName> repositories() throws IOException;

  /** Every tag of {@code repo}. */
  List<Tag> tags(RepositoryName repo) throws IOException;

  /**
   * Every tag of {@code repo} with when each last changed, where the source knows (ACR); by default
   * {@link #tags} without times, so every tag is re-checked.
   */
  default TagListing tagListing(RepositoryName repo) throws IOException {
    return TagListing.untimed(tags(repo));
  }

  /** What {@code reference} resolves to, cheaply: the source's digest claim, to decide "unchanged?". */
  ManifestHead headManifest(RepositoryName repo, Reference reference) throws IOException;

  /** The exact bytes of a manifest and the media type they came with, not yet verified. */
  FetchedManifest getManifest(RepositoryName repo, Reference reference) throws IOException;

  /**
   * Streams bytes {@code [from, from + length)} of a blob. One attempt: the caller retries from where
   * its ingest got to, under the retry policy that goes with this source.
   */
  BlobStream openBlob(RepositoryName repo, Digest digest, long from, long length) throws IOException;

  /** The manifests that name {@code subject} as their subject (signatures, SBOMs); empty when none. */
  List<Descriptor> referrers(RepositoryName repo, Digest subject) throws IOException;

  /** Releases connections, threads or open files. */
  @Override
  void close();
}
