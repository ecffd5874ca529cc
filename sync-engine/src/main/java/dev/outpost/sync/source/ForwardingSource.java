package dev.outpost.sync.source;

import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.IOException;
import java.util.List;

/**
 * A source that hands every call to another ({@link #delegate()}, which may change between calls);
 * subclasses override only what they add: choosing among a parent's addresses, keeping a pass's
 * read-ahead manifests. Closing is theirs to decide.
 */
public abstract class ForwardingSource implements ContentSource {
  /** The source that answers the next call. */
  protected abstract ContentSource delegate();

  @Override
  public String describe() {
    return delegate().describe();
  }

  @Override
  public void ping() throws IOException {
    delegate().ping();
  }

  @Override
  public List<RepositoryName> repositories() throws IOException {
    return delegate().repositories();
  }

  @Override
  public List<Tag> tags(RepositoryName repo) throws IOException {
    return delegate().tags(repo);
  }

  @Override
  public TagListing tagListing(RepositoryName repo) throws IOException {
    return delegate().tagListing(repo);
  }

  @Override
  public ManifestHead headManifest(RepositoryName repo, Reference reference) throws IOException {
    return delegate().headManifest(repo, reference);
  }

  @Override
  public FetchedManifest getManifest(RepositoryName repo, Reference reference) throws IOException {
    return delegate().getManifest(repo, reference);
  }

  @Override
  public BlobStream openBlob(RepositoryName repo, Digest digest, long from, long length) throws IOException {
    return delegate().openBlob(repo, digest, from, length);
  }

  @Override
  public List<Descriptor> referrers(RepositoryName repo, Digest subject) throws IOException {
    return delegate().referrers(repo, subject);
  }
}
