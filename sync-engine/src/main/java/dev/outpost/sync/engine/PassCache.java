package dev.outpost.sync.engine;

import dev.outpost.store.model.Reference;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.sync.source.ContentSource;
import dev.outpost.sync.source.ForwardingSource;
import dev.outpost.sync.source.FetchedManifest;
import dev.outpost.sync.source.ManifestHead;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The source as one pass sees it: a manifest HEAD or body read ahead (to plan the order of a
 * repository's tags, {@link TagOrder}) is kept until the pass asks for it again, once, so planning
 * costs no extra request. Each kept answer is handed out once and dropped: nothing outlives its use,
 * and a second read (a retry after a failed commit) goes to the source again.
 */
final class PassCache extends ForwardingSource {
  private final ContentSource source;
  private final ConcurrentMap<String, ManifestHead> heads = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, FetchedManifest> manifests = new ConcurrentHashMap<>();

  PassCache(ContentSource source) {
    this.source = source;
  }

  @Override
  protected ContentSource delegate() {
    return source;
  }

  /** HEADs {@code reference} now and keeps the answer for the pass's next HEAD of it. */
  ManifestHead headAhead(RepositoryName repo, Reference reference) throws IOException {
    ManifestHead head = source.headManifest(repo, reference);
    heads.put(key(repo, reference), head);
    return head;
  }

  /** Reads {@code reference} now and keeps the bytes for the pass's next read of it. */
  FetchedManifest readAhead(RepositoryName repo, Reference reference) throws IOException {
    FetchedManifest manifest = source.getManifest(repo, reference);
    manifests.put(key(repo, reference), manifest);
    return manifest;
  }

  @Override
  public ManifestHead headManifest(RepositoryName repo, Reference reference) throws IOException {
    ManifestHead kept = heads.remove(key(repo, reference));
    return kept != null ? kept : source.headManifest(repo, reference);
  }

  @Override
  public FetchedManifest getManifest(RepositoryName repo, Reference reference) throws IOException {
    FetchedManifest kept = manifests.remove(key(repo, reference));
    return kept != null ? kept : source.getManifest(repo, reference);
  }

  private static String key(RepositoryName repo, Reference reference) {
    return repo.value() + "\n" + reference;
  }

  /** The pass does not own the source: the engine closes it. */
  @Override
  public void close() {
    // nothing of its own to release
  }
}
