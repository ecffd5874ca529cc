package dev.outpost.store;

import dev.outpost.store.manifest.ManifestContent;
import dev.outpost.store.model.Digest;
import dev.outpost.store.model.RepositoryName;
import dev.outpost.store.model.Tag;
import java.util.Set;

/** Makes manifests and tags visible, enforcing closure before visibility. */
public interface ManifestWriter extends TagRemover {
  /**
   * Records {@code content} in {@code repository}. Every blob an image manifest references must be
   * committed, and every child of an index must already be a manifest of this repository, unless
   * listed in {@code intentionallyAbsent} (children excluded by the platform filter, recorded as
   * such). Otherwise throws {@link ClosureIncompleteException} and writes nothing.
   */
  void commitManifest(RepositoryName repository, ManifestContent content, Set<Digest> intentionallyAbsent);

  /** Points {@code tag} at a manifest already visible in {@code repository}, atomically. */
  void commitTag(RepositoryName repository, Tag tag, Digest manifest);
}
