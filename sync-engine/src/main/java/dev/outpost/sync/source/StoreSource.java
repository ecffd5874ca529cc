package dev.outpost.sync.source;

import dev.outpost.store.LocalStore;
import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Descriptor;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local store as a content source ({@code bundle create --from-store}, for an upstream site):
 * what it serves, as it serves it. Repositories are those with a visible manifest, a blob is read
 * through a repository only when one of its visible manifests references it (as serving decides),
 * and anything absent is a {@link ContentMissingException}. The store stays the caller's to close.
 */
public final class StoreSource implements ContentSource {
  private final LocalStore store;

  public StoreSource(LocalStore store) {
    this.store = store;
  }

  @Override
  public String describe() {
    return "store " + store.dataDirectory();
  }

  @Override
  public void ping() {
    // A store opened by this process is readable.
  }

  @Override
  public List<RepositoryName> repositories() {
    return store.repositories();
  }

  @Override
  public List<Tag> tags(RepositoryName repo) {
    return store.tags(repo);
  }

  @Override
  public ManifestHead headManifest(RepositoryName repo, Reference reference) throws IOException {
    ManifestContent m = manifest(repo, reference);
    return new ManifestHead(Optional.of(m.digest()), Optional.of(m.contentType().value()), m.size());
  }

  @Override
  public FetchedManifest getManifest(RepositoryName repo, Reference reference) throws IOException {
    ManifestContent m = manifest(repo, reference);
    return new FetchedManifest(m.bytes(), m.contentType());
  }

  private ManifestContent manifest(RepositoryName repo, Reference reference) throws ContentMissingException {
    return store.resolve(repo, reference).orElseThrow(
        () -> new ContentMissingException("manifest " + reference + " of " + repo + " is not in " + describe()));
  }

  @Override
  public BlobStream openBlob(RepositoryName repo, Digest digest, long from, long length) throws IOException {
    if (store.stat(digest).isEmpty() || !store.referencesBlob(repo, digest)) {
      throw new ContentMissingException("blob " + digest + " of " + repo + " is not in " + describe());
    }
    FileChannel channel = FileChannel.open(store.blobPath(digest));
    try {
      channel.position(from);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new ChannelRange(channel, length, missing -> new EOFException("blob " + digest + " in " + describe()
        + " ends " + missing + " bytes early"));
  }

  @Override
  public List<Descriptor> referrers(RepositoryName repo, Digest subject) {
    List<Descriptor> found = new ArrayList<>();
    for (Digest d : store.referrers(repo, subject)) {
      store.manifest(repo, d).ifPresent(m -> found.add(m.descriptor()));
    }
    return found;
  }

  @Override
  public void close() {
    // The store belongs to the caller.
  }

}
